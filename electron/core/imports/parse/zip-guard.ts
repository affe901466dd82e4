import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../../shared/errors';
import { measureBinarySheet } from './binary-sheet-extent';
import { measureSheet, type SheetExtent } from './sheet-extent';
import { findWorkbookParts, partName } from './zip-relationships';

export interface ZipLimits {
  maxEntries: number;
  /** Real (inflated) bytes of one part. */
  maxEntryBytes: number;
  /** Real bytes of all parts together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, for parts large enough to matter. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
};

/** Parts smaller than this are not judged by their ratio (tiny XML compresses very well and is harmless). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export interface ZipFacts {
  /** The workbook is Excel's binary workbook (xlsb): its parts are records, not XML. */
  binary: boolean;
  /** The workbook counts dates from 1904 (old Mac Excel) instead of 1900 (read here from XML only). */
  date1904: boolean;
  /** Every sheet the workbook's relationships name, measured before any parser builds it. */
  sheets: SheetExtent[];
}

/** A file refused before (or while) reading it, saying why. */
export function rejected(message: string, messageEn: string, details?: Record<string, unknown>): AppError {
  return new AppError('IMPORT_REJECTED', `文件被拒绝：${message}`, `File rejected: ${messageEn}`, details);
}

/** The workbook reader streams the local headers and never reads the directory: where the two differ, it reads what was never checked here. */
function tampered(what: string, whatEn: string): AppError {
  return rejected(
    `zip 目录与文件内容不一致（可能被篡改）：${what}`,
    `the zip directory does not match the entries (tampered?): ${whatEn}`,
  );
}

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_RECORD = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
/** General-purpose flag bits: the entry is encrypted; its CRC and sizes follow its data (a data descriptor). */
const ENCRYPTED = 0x1;
const SIZES_AFTER_DATA = 0x8;
const ZIP64_MARKER = 0xffffffff;

/** One entry as the central directory lists it. */
interface DirectoryRecord {
  name: string;
  nameBytes: Buffer;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A part (not a folder) whose local entry agrees with its directory record. */
export interface ZipPart {
  name: string;
  /** The name as relationships resolve it (see `partName`). */
  part: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

/** The end-of-central-directory record: within the last 64 KiB + 22 bytes. */
function findEndOfCentralDirectory(buffer: Buffer): number {
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  throw rejected(
    '文件不完整或不是有效的 xlsx（找不到 zip 目录，可能在传输中被截断）',
    'incomplete or not a valid xlsx (no zip directory; truncated in transfer?)',
  );
}

/** The central directory's records and where it starts, refusing ZIP64, too many parts, duplicates and encryption. */
function readCentralDirectory(buffer: Buffer, limits: ZipLimits): { records: DirectoryRecord[]; start: number } {
  const end = findEndOfCentralDirectory(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const start = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || start === ZIP64_MARKER)
    throw rejected('不支持 ZIP64 格式的超大文件', 'ZIP64 containers are not supported');
  if (count > limits.maxEntries)
    throw rejected(
      `包含 ${count} 个部件，超过上限 ${limits.maxEntries}`,
      `${count} parts, more than the limit of ${limits.maxEntries}`,
    );
  if (start + buffer.readUInt32LE(end + 12) > end)
    throw rejected('zip 目录损坏（文件可能被截断）', 'corrupt zip directory (truncated?)');

  const records: DirectoryRecord[] = [];
  const parts = new Set<string>();
  let offset = start;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > end || buffer.readUInt32LE(offset) !== DIRECTORY_RECORD)
      throw rejected('zip 目录损坏', 'corrupt zip directory');
    const nameBytes = buffer.subarray(offset + 46, offset + 46 + buffer.readUInt16LE(offset + 28));
    const record: DirectoryRecord = {
      name: nameBytes.toString('utf8'),
      nameBytes,
      flags: buffer.readUInt16LE(offset + 8),
      method: buffer.readUInt16LE(offset + 10),
      crc: buffer.readUInt32LE(offset + 16),
      compressedSize: buffer.readUInt32LE(offset + 20),
      size: buffer.readUInt32LE(offset + 24),
      localOffset: buffer.readUInt32LE(offset + 42),
    };
    offset += 46 + nameBytes.length + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);

    if ([record.compressedSize, record.size, record.localOffset].includes(ZIP64_MARKER))
      throw rejected('不支持 ZIP64 格式的超大文件', 'ZIP64 containers are not supported');
    // Compared as relationships resolve names, so that two entries can never stand for the same part.
    const part = partName(record.name);
    if (parts.has(part)) throw rejected(`部件名称重复：${record.name}`, `duplicate part name: ${record.name}`);
    parts.add(part);
    if (record.flags & ENCRYPTED)
      throw rejected(
        '文件已加密（有密码保护），请先在 Excel 中取消密码后再导入',
        'the file is encrypted (password-protected); remove the password in Excel first',
      );
    records.push(record);
  }
  // The streaming reader goes on from the last record it knows: bytes between it and the end record could be an entry to it.
  if (offset !== end) throw tampered('目录记录之后还有内容', 'bytes after the last directory record');
  return { records, start };
}

/**
 * The parts, once every local entry is found to repeat its directory record (name, flags, method, and CRC
 * and sizes unless those follow the data) and the entries to lie back to back from the first byte up to
 * the directory, so that an entry the directory does not list has nowhere to hide.
 */
function checkLocalEntries(buffer: Buffer, directory: { records: DirectoryRecord[]; start: number }): ZipPart[] {
  const parts: ZipPart[] = [];
  let next = 0;
  for (const record of [...directory.records].sort((a, b) => a.localOffset - b.localOffset)) {
    if (record.localOffset > next)
      throw tampered(
        `部件 ${record.name} 之前有目录未列出的内容`,
        `bytes no directory record lists before part ${record.name}`,
      );
    if (record.localOffset < next)
      throw tampered(`部件 ${record.name} 与前一部件重叠`, `part ${record.name} overlaps the entry before it`);
    const { dataStart, end } = readLocalEntry(buffer, record, directory.start);
    if (!record.name.endsWith('/'))
      parts.push({
        name: record.name,
        part: partName(record.name),
        method: record.method,
        compressedSize: record.compressedSize,
        dataStart,
      });
    next = end;
  }
  if (next !== directory.start)
    throw tampered('目录之前有未列出的内容', 'bytes no directory record lists before the directory');
  return parts;
}

/** Where a local entry's data starts and where the entry ends, refusing a local header that differs from its directory record. */
function readLocalEntry(
  buffer: Buffer,
  record: DirectoryRecord,
  directoryStart: number,
): { dataStart: number; end: number } {
  const at = record.localOffset;
  if (at + 30 > directoryStart || buffer.readUInt32LE(at) !== LOCAL_HEADER)
    throw rejected(`部件 ${record.name} 损坏（文件可能被截断）`, `part ${record.name} is corrupt (truncated?)`);
  const nameLength = buffer.readUInt16LE(at + 26);
  const dataStart = at + 30 + nameLength + buffer.readUInt16LE(at + 28);
  const dataEnd = dataStart + record.compressedSize;
  if (dataEnd > directoryStart)
    throw rejected(`部件 ${record.name} 不完整（文件可能被截断）`, `part ${record.name} is incomplete (truncated?)`);

  const differs = (what: string, whatEn: string) =>
    tampered(
      `部件 ${record.name} 的${what}与目录不符`,
      `the ${whatEn} of part ${record.name} differs from the directory`,
    );
  if (!buffer.subarray(at + 30, at + 30 + nameLength).equals(record.nameBytes))
    throw differs('本地文件名', 'local name');
  if (buffer.readUInt16LE(at + 6) !== record.flags) throw differs('标志位', 'flags');
  if (buffer.readUInt16LE(at + 8) !== record.method) throw differs('压缩方式', 'compression method');
  const sizesAfterData = (record.flags & SIZES_AFTER_DATA) !== 0;
  for (const [offset, expected] of [
    [14, record.crc],
    [18, record.compressedSize],
    [22, record.size],
  ]) {
    const local = buffer.readUInt32LE(at + offset);
    if (local !== expected && !(sizesAfterData && local === 0)) throw differs('CRC 或大小', 'CRC or size');
  }
  if (!sizesAfterData) return { dataStart, end: dataEnd };

  // A streaming reader finds where such data ends by the descriptor's signature: it must be there, and nowhere earlier.
  const descriptor = dataEnd + 16 <= directoryStart ? buffer.subarray(dataEnd, dataEnd + 16) : Buffer.alloc(16);
  const agrees =
    descriptor.subarray(0, 4).equals(DATA_DESCRIPTOR) &&
    descriptor.readUInt32LE(4) === record.crc &&
    descriptor.readUInt32LE(8) === record.compressedSize &&
    descriptor.readUInt32LE(12) === record.size;
  if (!agrees || buffer.subarray(dataStart, dataEnd).includes(DATA_DESCRIPTOR))
    throw differs('数据描述符', 'data descriptor');
  return { dataStart, end: dataEnd + 16 };
}

/** A part's bytes, inflated for real (never trusting the declared sizes) and held to the size and ratio limits. */
function inflatePart(buffer: Buffer, { name, method, compressedSize, dataStart }: ZipPart, limits: ZipLimits): Buffer {
  const data = buffer.subarray(dataStart, dataStart + compressedSize);
  let inflated: Buffer;
  if (method === 0) inflated = data;
  else if (method === 8) {
    try {
      inflated = inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes + 1 });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw rejected(
          `部件 ${name} 解压后超过 ${Math.round(limits.maxEntryBytes / 1024 / 1024)} MB（疑似压缩炸弹）`,
          `part ${name} inflates beyond ${Math.round(limits.maxEntryBytes / 1024 / 1024)} MB (a zip bomb?)`,
        );
      }
      throw rejected(`部件 ${name} 无法解压（文件损坏）`, `part ${name} cannot be inflated (corrupt file)`);
    }
  } else
    throw rejected(
      `部件 ${name} 使用了不支持的压缩方式 ${method}`,
      `part ${name} uses unsupported compression method ${method}`,
    );

  if (inflated.length > limits.maxEntryBytes) throw rejected(`部件 ${name} 过大`, `part ${name} is too large`);
  if (inflated.length > RATIO_FLOOR_BYTES && inflated.length > limits.maxRatio * Math.max(1, compressedSize)) {
    throw rejected(
      `部件 ${name} 压缩比超过 ${limits.maxRatio}:1（疑似压缩炸弹）`,
      `part ${name} has a compression ratio above ${limits.maxRatio}:1 (a zip bomb?)`,
    );
  }
  return inflated;
}

/** A zip whose directory and local entries agree: its parts, each inflated (for real, held to the limits) when read. */
export interface ZipPackage {
  parts: readonly ZipPart[];
  /** A part's bytes by its name as relationships resolve it (see `partName`); undefined when there is no such part. */
  read(part: string): Buffer | undefined;
}

/** Parts kept once inflated: the XML the readers read after the guard (a sheet is inflated once, not twice). */
const KEPT_PART = /\.(?:xml|rels)$/i;

/** Opens a zip: its directory checked against its local entries (see `checkLocalEntries`); nothing inflated yet. */
export function openZip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipPackage {
  const parts = checkLocalEntries(buffer, readCentralDirectory(buffer, limits));
  const byPart = new Map(parts.map((entry) => [entry.part, entry]));
  const kept = new Map<string, Buffer>();
  return {
    parts,
    read: (part) => {
      const entry = byPart.get(part);
      if (!entry) return undefined;
      const inflated = kept.get(part) ?? inflatePart(buffer, entry, limits);
      if (KEPT_PART.test(part)) kept.set(part, inflated);
      return inflated;
    },
  };
}

/**
 * Checks an xlsx or xlsb (zip) container before any parser sees it: the directory against the local
 * entries, entry count, duplicate part names, encrypted parts, DTDs in XML parts, and every part inflated
 * for real against the size and ratio limits. The sheet parts the workbook's relationships name, wherever
 * they sit, are measured as their reader will lay them out (XML as the xlsx reader, records as SheetJS).
 * Throws IMPORT_REJECTED naming what is wrong.
 */
export function guardZip(
  buffer: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  zip = openZip(buffer, limits),
): ZipFacts {
  // A first pass inflates only the small relationship parts, to learn which parts are the workbook and its sheets.
  const workbook = findWorkbookParts(zip.read);

  let total = 0;
  let date1904 = false;
  const sheets: SheetExtent[] = [];
  for (const entry of zip.parts) {
    const inflated = zip.read(entry.part) as Buffer;
    total += inflated.length;
    if (total > limits.maxTotalBytes)
      throw rejected(
        `解压后总大小超过 ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`,
        `more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB when inflated`,
      );
    if (/\.(xml|rels|vml)$/i.test(entry.name) && (inflated.includes('<!DOCTYPE') || inflated.includes('<!ENTITY'))) {
      throw rejected(`部件 ${entry.name} 含有 DTD（不允许）`, `part ${entry.name} contains a DTD (not allowed)`);
    }
    if (workbook.sheets.has(entry.part)) {
      const measure = entry.part.endsWith('.bin') ? measureBinarySheet : measureSheet;
      sheets.push({ part: entry.name, ...measure(inflated) });
    }
    if (entry.part === workbook.part)
      date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(inflated.toString('utf8'));
  }
  return { binary: workbook.part.endsWith('.bin'), date1904, sheets };
}
