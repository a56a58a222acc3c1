import ejs from 'ejs'

type AttributeValue = string | number | boolean | null | undefined
type Attribute = AttributeValue | { value?: AttributeValue; optional?: boolean }

/**
 * The twin of govuk-frontend's govukAttributes macro, for the GOV.UK partials: ` name="value"`
 * pairs, escaped, from an object (or a string already rendered). A value may be
 * `{ value, optional }`: an optional attribute is left out when empty and written bare when true.
 * A function rather than a partial: form pages call it hundreds of times, and each EJS include
 * copies every local of the page.
 */
export function govukAttributes(attributes: string | Record<string, Attribute> | null | undefined): string {
  if (typeof attributes === 'string') return attributes
  if (!attributes || typeof attributes !== 'object') return ''
  let html = ''
  for (const [name, item] of Object.entries(attributes)) {
    const { value: given, optional } = item !== null && typeof item === 'object' ? item : { value: item, optional: false }
    const value = given === undefined ? null : given
    if (optional === true && value === true) html += ` ${ejs.escapeXML(name)}`
    else if (optional !== true || (value !== null && value !== false)) html += ` ${ejs.escapeXML(name)}="${value === null ? '' : ejs.escapeXML(String(value))}"`
  }
  return html
}
