/**
 * A streaming ZIP writer, just enough for an .xlsx: entries are deflated (node:zlib, level 1) as
 * their content is pulled, with sizes and CRC in a data descriptor after each entry (general
 * purpose flag bit 3), so nothing is held but the chunk in hand. The generator yields the archive's
 * bytes only as fast as its consumer reads them, and pulls an entry's content only as fast as
 * that: backpressure reaches the database cursor. ExcelJS's own zip (archiver through a
 * StreamBuf) ignored it (see excel-export.ts). No ZIP64: an entry or the archive beyond 4 GiB is
 * refused with an error (a full sheet of 1,048,575 orders is ~0.5 GB of XML).
 */
import { once } from "node:events";
import { crc32, createDeflateRaw } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** the entry's bytes, pulled in order (strings are UTF-8) */
  content: AsyncIterable<Buffer | string> | Iterable<Buffer | string>;
}

const LIMIT = 0xffffffff;
/** 1 Jan 1980 00:00, the earliest MS-DOS time: the entries carry no meaningful date. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** bit 3: sizes and CRC follow the data; bit 11: names are UTF-8 */
const FLAGS = 0x0808;

function localHeader(name: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes (14–25) are zero here and given in the data descriptor
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function centralHeader(entry: Written): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4); // made by: 2.0
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(8, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressed, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([header, entry.name]);
}

function check(value: number, what: string): number {
  if (value > LIMIT) throw new Error(`El archivo ZIP supera 4 GiB (${what}): divida la exportación con un filtro.`);
  return value;
}

/** The archive's bytes, entry by entry, then the central directory. */
export async function* zipArchive(entries: Iterable<ZipEntry>): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const header = localHeader(name);
    const start = offset;
    yield header;
    offset += header.length;
    const deflater = createDeflateRaw({ level: 1 });
    const out: Buffer[] = [];
    deflater.on("data", (chunk: Buffer) => out.push(chunk));
    const ended = once(deflater, "end");
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const flush = function* () {
      while (out.length > 0) {
        const chunk = out.shift()!;
        compressed += chunk.length;
        yield chunk;
      }
    };
    try {
      for await (const piece of entry.content) {
        const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
        crc = crc32(bytes, crc);
        size += bytes.length;
        if (!deflater.write(bytes)) await once(deflater, "drain");
        yield* flush();
      }
      deflater.end();
      await ended;
      yield* flush();
    } finally {
      // a consumer that stops reading (a cancelled download) frees zlib's memory now, not at GC
      deflater.destroy();
    }
    offset += compressed;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(check(compressed, entry.name), 8);
    descriptor.writeUInt32LE(check(size, entry.name), 12);
    yield descriptor;
    offset += descriptor.length;
    written.push({ name, crc: crc >>> 0, compressed, size, offset: check(start, entry.name) });
  }
  const directory = Buffer.concat(written.map(centralHeader));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(check(offset, "directorio"), 16);
  yield directory;
  yield end;
}
