const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50
const END_RECORD_SIZE = 22
const MAX_COMMENT = 0xffff

/**
 * The names of the entries in a zip archive, read from its central directory without
 * decompressing anything; undefined when the archive is malformed or uses zip64.
 */
export function zipEntryNames(buffer: Buffer): string[] | undefined {
  const lowest = Math.max(0, buffer.length - END_RECORD_SIZE - MAX_COMMENT)
  let end = -1
  for (let offset = buffer.length - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (buffer.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) {
      end = offset
      break
    }
  }
  if (end < 0) return undefined
  const count = buffer.readUInt16LE(end + 10)
  const directoryOffset = buffer.readUInt32LE(end + 16)
  const names: string[] = []
  let offset = directoryOffset
  for (let index = 0; index < count; index++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) return undefined
    const nameLength = buffer.readUInt16LE(offset + 28)
    const extraLength = buffer.readUInt16LE(offset + 30)
    const commentLength = buffer.readUInt16LE(offset + 32)
    if (offset + 46 + nameLength > buffer.length) return undefined
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return names
}
