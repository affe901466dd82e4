import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';

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
  /** The workbook counts dates from 1904 (old Mac Excel) instead of 1900. */
  date1904: boolean;
  /** Rows of the largest worksheet, counted before any parser builds them. */
  maxSheetRows: number;
}

/** Occurrences of `needle` in `haystack`. */
function countOf(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** A file refused before (or while) reading it, saying why. */
export function rejected(message: string, messageEn: string, details?: Record<string, unknown>): AppError {
  return new AppError('IMPORT_REJECTED', `文件被拒绝：${message}`, `File rejected: ${messageEn}`, details);
}

/** The end-of-central-directory record: within the last 64 KiB + 22 bytes. */
function findEndOfCentralDirectory(buffer: Buffer): number {
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw rejected('文件不完整或不是有效的 xlsx（找不到 zip 目录，可能在传输中被截断）', 'incomplete or not a valid xlsx (no zip directory; truncated in transfer?)');
}

/**
 * Checks an xlsx (zip) container before any parser sees it: entry count, duplicate part names, encrypted
 * parts, DTDs in XML parts, and every part inflated for real (never trusting the declared sizes) against
 * the size and ratio limits. Throws IMPORT_REJECTED naming what is wrong.
 */
export function guardZip(buffer: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipFacts {
  const end = findEndOfCentralDirectory(buffer);
  const entries = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryOffset = buffer.readUInt32LE(end + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) throw rejected('不支持 ZIP64 格式的超大文件', 'ZIP64 containers are not supported');
  if (entries > limits.maxEntries) throw rejected(`包含 ${entries} 个部件，超过上限 ${limits.maxEntries}`, `${entries} parts, more than the limit of ${limits.maxEntries}`);
  if (directoryOffset + directorySize > end) throw rejected('zip 目录损坏（文件可能被截断）', 'corrupt zip directory (truncated?)');

  const names = new Set<string>();
  let total = 0;
  let date1904 = false;
  let maxSheetRows = 0;
  let offset = directoryOffset;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > end || buffer.readUInt32LE(offset) !== 0x02014b50) throw rejected('zip 目录损坏', 'corrupt zip directory');
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    const key = name.toLowerCase();
    if (names.has(key)) throw rejected(`部件名称重复：${name}`, `duplicate part name: ${name}`);
    names.add(key);
    if (flags & 1) throw rejected('文件已加密（有密码保护），请先在 Excel 中取消密码后再导入', 'the file is encrypted (password-protected); remove the password in Excel first');
    if (name.endsWith('/')) continue;

    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== 0x04034b50) throw rejected(`部件 ${name} 损坏（文件可能被截断）`, `part ${name} is corrupt (truncated?)`);
    const dataStart = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buffer.length) throw rejected(`部件 ${name} 不完整（文件可能被截断）`, `part ${name} is incomplete (truncated?)`);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);

    let inflated: Buffer;
    if (method === 0) inflated = data;
    else if (method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes + 1 });
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw rejected(`部件 ${name} 解压后超过 ${Math.round(limits.maxEntryBytes / 1024 / 1024)} MB（疑似压缩炸弹）`, `part ${name} inflates beyond ${Math.round(limits.maxEntryBytes / 1024 / 1024)} MB (a zip bomb?)`);
        }
        throw rejected(`部件 ${name} 无法解压（文件损坏）`, `part ${name} cannot be inflated (corrupt file)`);
      }
    } else throw rejected(`部件 ${name} 使用了不支持的压缩方式 ${method}`, `part ${name} uses unsupported compression method ${method}`);

    if (inflated.length > limits.maxEntryBytes) throw rejected(`部件 ${name} 过大`, `part ${name} is too large`);
    if (inflated.length > RATIO_FLOOR_BYTES && inflated.length > limits.maxRatio * Math.max(1, compressedSize)) {
      throw rejected(`部件 ${name} 压缩比超过 ${limits.maxRatio}:1（疑似压缩炸弹）`, `part ${name} has a compression ratio above ${limits.maxRatio}:1 (a zip bomb?)`);
    }
    total += inflated.length;
    if (total > limits.maxTotalBytes) throw rejected(`解压后总大小超过 ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB`, `more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB when inflated`);
    if (/\.(xml|rels|vml)$/i.test(name)) {
      if (inflated.includes('<!DOCTYPE') || inflated.includes('<!ENTITY')) throw rejected(`部件 ${name} 含有 DTD（不允许）`, `part ${name} contains a DTD (not allowed)`);
      if (key.startsWith('xl/worksheets/')) maxSheetRows = Math.max(maxSheetRows, countOf(inflated, '<row ') + countOf(inflated, '<row>'));
      if (key === 'xl/workbook.xml') date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(inflated.toString('utf8'));
    }
  }
  return { date1904, maxSheetRows };
}
