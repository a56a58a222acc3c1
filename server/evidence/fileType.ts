import { zipEntryNames } from './zipEntries'

export interface EvidenceType {
  label: string
  contentType: string
  extensions: string[]
  /** Browsers show these themselves, so a reviewer can open them in the page. */
  inline: boolean
}

/** The kinds of evidence file a return accepts, by key. */
export const EVIDENCE_TYPES = {
  pdf: { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'], inline: true },
  docx: { label: 'Word document', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], inline: false },
  xlsx: { label: 'Excel spreadsheet', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  pptx: { label: 'PowerPoint presentation', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], inline: false },
  doc: { label: 'Word 97-2003 document', contentType: 'application/msword', extensions: ['doc'], inline: false },
  xls: { label: 'Excel 97-2003 spreadsheet', contentType: 'application/vnd.ms-excel', extensions: ['xls'], inline: false },
  ppt: { label: 'PowerPoint 97-2003 presentation', contentType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], inline: false },
  txt: { label: 'Text file', contentType: 'text/plain; charset=utf-8', extensions: ['txt', 'csv'], inline: false },
  png: { label: 'PNG image', contentType: 'image/png', extensions: ['png'], inline: true },
  jpeg: { label: 'JPEG image', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true },
} satisfies Record<string, EvidenceType>

export type EvidenceTypeKey = keyof typeof EVIDENCE_TYPES

export const ACCEPTED_TYPES_TEXT = 'a PDF, Word, Excel, PowerPoint, text, PNG or JPEG file'

const startsWith = (buffer: Buffer, bytes: number[]) => buffer.length >= bytes.length && bytes.every((byte, index) => buffer[index] === byte)

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] // Office 97-2003 compound file

/** Office Open XML files are zip archives; the folder inside says which application wrote them. */
function officeOpenXmlType(buffer: Buffer): EvidenceTypeKey | 'macros' | undefined {
  const names = zipEntryNames(buffer)
  if (!names?.includes('[Content_Types].xml')) return undefined
  if (names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return 'macros'
  if (names.some((name) => name.startsWith('word/'))) return 'docx'
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx'
  if (names.some((name) => name.startsWith('ppt/'))) return 'pptx'
  return undefined
}

function isPlainText(buffer: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
    // Control characters other than tab, line feed, form feed and carriage return mean a binary file.
    return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)
  } catch {
    return false
  }
}

/** The content's own type: what the bytes are, whatever the file is called. */
function typeOfContent(buffer: Buffer, extension: string): EvidenceTypeKey | 'macros' | undefined {
  if (startsWith(buffer, PDF)) return 'pdf'
  if (startsWith(buffer, PNG)) return 'png'
  if (startsWith(buffer, JPEG)) return 'jpeg'
  if (startsWith(buffer, ZIP)) return officeOpenXmlType(buffer)
  if (startsWith(buffer, OLE)) {
    // A 97-2003 compound file does not say cheaply which application wrote it; its name does.
    if (buffer.includes(Buffer.from('_VBA_PROJECT', 'utf16le'))) return 'macros'
    return (['doc', 'xls', 'ppt'] as const).find((key) => key === extension)
  }
  return isPlainText(buffer) ? 'txt' : undefined
}

export type FileTypeCheck = { ok: true; type: EvidenceTypeKey } | { ok: false; error: string }

/** Checks an uploaded file by its content (magic bytes), then that its name does not claim another type. */
export function checkEvidenceFile(buffer: Buffer, fileName: string): FileTypeCheck {
  if (buffer.length === 0) return { ok: false, error: 'The selected file is empty' }
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1].toLowerCase() ?? ''
  const type = typeOfContent(buffer, extension)
  if (type === 'macros') return { ok: false, error: 'The selected file contains macros: save it without macros and upload it again' }
  if (!type) return { ok: false, error: `The selected file must be ${ACCEPTED_TYPES_TEXT}` }
  const expected = EVIDENCE_TYPES[type]
  if (!expected.extensions.includes(extension)) {
    return { ok: false, error: `The selected file is a ${expected.label} but its name ends “.${extension}”: rename it to end .${expected.extensions[0]} and upload it again` }
  }
  return { ok: true, type }
}
