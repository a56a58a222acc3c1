import ExcelJS from 'exceljs'
import type { Response } from 'express'

/** A name made safe for a downloaded file: letters and digits, anything else one dash. */
export const fileNameOf = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')

/** A table as exported: a header row and rows of plain values, the same numbers as the page shows. */
export interface ExportTable {
  name: string
  header: string[]
  rows: (string | number | null)[][]
}

/** One CSV field, quoted when it must be; a leading =, +, - or @ is defused so spreadsheets do not run it as a formula. */
function csvField(value: string | number | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function sendCsv(res: Response, fileName: string, table: ExportTable): void {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(','))
  res.attachment(`${fileName}.csv`).type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('\r\n')}\r\n`)
}

export async function sendXlsx(res: Response, fileName: string, table: ExportTable): Promise<void> {
  return sendWorkbook(res, fileName, [table])
}

/** Several tables as one XLSX download, a sheet each (named after the table; Excel allows 31 characters). */
export async function sendWorkbook(res: Response, fileName: string, tables: ExportTable[]): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31))
    sheet.addRow(table.header).font = { bold: true }
    for (const row of table.rows) sheet.addRow(row)
    sheet.columns.forEach((column) => (column.width = 18))
  }
  res.attachment(`${fileName}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  res.send(Buffer.from(await workbook.xlsx.writeBuffer()))
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Sends the table as a CSV or XLSX download. */
export function sendTable(res: Response, format: ExportFormat, fileName: string, table: ExportTable): Promise<void> | void {
  return format === 'csv' ? sendCsv(res, fileName, table) : sendXlsx(res, fileName, table)
}
