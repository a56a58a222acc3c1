import { z } from 'zod'

/** The three fields of a GOV.UK date input (`<name>-day`, `-month`, `-year`) as one ISO date string, or undefined. */
export function isoDateFromParts(body: Record<string, unknown>, name: string): string | undefined {
  const part = (suffix: string) => String(body[`${name}-${suffix}`] ?? '').trim()
  const [day, month, year] = [part('day'), part('month'), part('year')]
  if (!day && !month && !year) return undefined
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
}

/** A real calendar date, with GOV.UK-style messages naming the field. */
export function calendarDate(label: string) {
  return z
    .string({ error: `Enter the ${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `The ${label} must be a real date, like 31 3 2026` })
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
    }, { error: `The ${label} must be a real date, like 31 3 2026` })
}

// Each made once: building a DateTimeFormat costs far more than formatting with it (about 50 µs,
// which is what Date#toLocaleString pays on every call).
const isoDateInEngland = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
const dateTimeInEngland = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
const timeInEngland = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', second: '2-digit' })
const govukDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** Today's date in England, as YYYY-MM-DD: deadlines are calendar days there. */
export function todayInEngland(now = new Date()): string {
  return isoDateInEngland.format(now)
}

/** "26/11/2026, 09:15:58" in England: what `toLocaleString('en-GB', { timeZone: 'Europe/London' })` gives. */
export function formatDateTime(date: Date): string {
  return dateTimeInEngland.format(date)
}

/** "09:15:58" in England: what `toLocaleTimeString('en-GB', { timeZone: 'Europe/London' })` gives. */
export function formatTime(date: Date): string {
  return timeInEngland.format(date)
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000)
}

/** "31 March 2026", the GOV.UK date style. */
export function formatDate(isoDate: string): string {
  return govukDate.format(new Date(`${isoDate}T00:00:00Z`))
}
