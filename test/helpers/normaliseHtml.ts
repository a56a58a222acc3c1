import { DefaultTreeAdapterMap, parseFragment } from 'parse5'

type Node = DefaultTreeAdapterMap['childNode']

/**
 * Canonical form of an HTML fragment, so two renderings compare equal when they differ only in
 * whitespace: whitespace runs collapse to one space, whitespace-only text between elements is
 * dropped, and entity spellings (&#39; vs &#x27;) are decoded by the parser.
 */
export function normaliseHtml(html: string): string {
  return serialise(parseFragment(html).childNodes).trim()
}

function serialise(nodes: Node[]): string {
  return nodes.map(serialiseNode).filter((part) => part !== '').join('')
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ')
}

function serialiseNode(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) {
    const text = collapse(node.value)
    return text.trim() === '' ? '' : text.trim()
  }
  if (node.nodeName === '#comment') return ''
  if (!('tagName' in node)) return ''
  const attributes = node.attrs.map((attr) => ` ${attr.name}="${collapse(attr.value).trim()}"`).join('')
  const children = 'content' in node ? serialise(node.content.childNodes) : serialise(node.childNodes)
  return `<${node.tagName}${attributes}>${children}</${node.tagName}>`
}
