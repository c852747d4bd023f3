/**
 * One entry of a ZIP archive, read through its central directory (sizes and offsets are there
 * even when the local headers defer them to a data descriptor, as the portal's zip writer does):
 * lets a test read the XML inside an .xlsx as written, not as a reader interprets it.
 */
import { inflateRawSync } from "node:zlib";

export function zipEntry(archive: Buffer, name: string): Buffer {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("no end of central directory");
  const entries = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central header at ${at}`);
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    if (archive.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const data = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
      const bytes = archive.subarray(data, data + compressed);
      return method === 8 ? inflateRawSync(bytes) : Buffer.from(bytes);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`no entry ${name}`);
}
