import type { Locator, Page } from 'playwright-core'

/** Keyboard-only moves for browser journeys: focus, then type or press; no mouse. */

/** Moves focus to an element and types into it. `Control+A` first replaces anything already there. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus()
  await page.keyboard.press('Control+A')
  await page.keyboard.type(text)
}

/** Types a YYYY-MM-DD date into a GOV.UK date input (ids `<id>-day`, `-month`, `-year`). */
export async function typeDate(page: Page, id: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-')
  await typeInto(page, `#${id}-day`, String(Number(day)))
  await typeInto(page, `#${id}-month`, String(Number(month)))
  await typeInto(page, `#${id}-year`, year)
}

/** Presses Enter on a link or button, waiting for the page it leads to. */
export async function press(page: Page, target: Locator): Promise<void> {
  await target.focus()
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
}
