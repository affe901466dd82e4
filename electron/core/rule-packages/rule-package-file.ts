/**
 * A rule package as a file (docs/domain.md, "Rule packages"): written with a SHA-256 over the canonical JSON of
 * everything but the checksum, and read back only when it is whole, ours, not newer than this version, unedited and
 * valid — each refusal says which and why, before anything is changed.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import {
  MAX_RULE_PACKAGE_BYTES,
  RULE_PACKAGE_FORMAT,
  RULE_PACKAGE_FORMAT_VERSION,
  RULE_PACKAGE_SECTION_NAMES,
  RULE_PACKAGE_SECTION_NAMES_EN,
  RULE_PACKAGE_SECTIONS,
  RulePackageSchema,
  type RulePackage,
  type RulePackageSection,
} from '../../../shared/schemas/rule-packages';
import { LATEST_SCHEMA_VERSION } from '../../../migrations';
import { canonicalJson } from './canonical-json';

/** The checksum of a package: SHA-256 (hex) of the canonical JSON of all but `checksum`. */
export function packageChecksum(body: Omit<RulePackage, 'checksum'> | Record<string, unknown>): string {
  const rest: Record<string, unknown> = { ...body };
  delete rest.checksum;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/** A package's file text: the fields given, their checksum added, indented for whoever opens it. */
export function rulePackageText(body: Omit<RulePackage, 'checksum'>): { text: string; checksum: string } {
  const checksum = packageChecksum(body);
  return { text: `${JSON.stringify({ ...body, checksum }, null, 2)}\n`, checksum };
}

const UNCHANGED = '未改动任何设置。';
const UNCHANGED_EN = 'No setting was changed.';

function refused(code: 'IMPORT_REJECTED' | 'FILE_TOO_LARGE' | 'SCHEMA_TOO_NEW', zh: string, en: string): AppError {
  return new AppError(code, `${zh}${UNCHANGED}`, `${en} ${UNCHANGED_EN}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The file's text as JSON, or null when it is not UTF-8 JSON. */
function parseJson(bytes: Buffer): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Reads a package file, or refuses it (nothing is changed by reading): too large; not JSON; not a rule package; made
 * by a newer Tierdesk (its layout or its database schema); its checksum not matching what it holds (edited by hand,
 * or damaged); a section failing the rules the settings screens apply, named with its field.
 */
export function readRulePackage(fileName: string, bytes: Buffer): RulePackage {
  const file = `「${fileName}」`;
  if (bytes.length > MAX_RULE_PACKAGE_BYTES)
    throw refused(
      'FILE_TOO_LARGE',
      `${file}超过 ${MAX_RULE_PACKAGE_BYTES / 1024 / 1024} MB，不是 Tierdesk 规则包；`,
      `"${fileName}" is larger than ${MAX_RULE_PACKAGE_BYTES / 1024 / 1024} MB: not a Tierdesk rule package.`,
    );
  const json = parseJson(bytes);
  if (!isRecord(json))
    throw refused(
      'IMPORT_REJECTED',
      `${file}不是 JSON 文件，不是 Tierdesk 规则包；`,
      `"${fileName}" is not JSON: not a Tierdesk rule package.`,
    );
  if (json.format !== RULE_PACKAGE_FORMAT || typeof json.checksum !== 'string')
    throw refused(
      'IMPORT_REJECTED',
      `${file}不是 Tierdesk 规则包（缺少 "format": "${RULE_PACKAGE_FORMAT}" 或校验和）；`,
      `"${fileName}" is not a Tierdesk rule package (no "format": "${RULE_PACKAGE_FORMAT}" or no checksum).`,
    );
  refuseNewer(fileName, json);
  if (packageChecksum(json) !== json.checksum)
    throw refused(
      'IMPORT_REJECTED',
      `${file}的校验和不符：文件已被修改或损坏。请向总行重新索取规则包；`,
      `The checksum of "${fileName}" does not match: the file was edited or is damaged. Ask head office for the package again.`,
    );
  const parsed = RulePackageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [top, section, ...field] = issue.path.map(String);
    const where =
      top === 'sections' && RULE_PACKAGE_SECTIONS.includes(section as RulePackageSection)
        ? {
            zh: `“${RULE_PACKAGE_SECTION_NAMES[section as RulePackageSection]}”一节${field.length ? `（${field.join('.')}）` : ''}`,
            en: `section "${RULE_PACKAGE_SECTION_NAMES_EN[section as RulePackageSection]}"${field.length ? ` ${field.join('.')}` : ''}`,
          }
        : { zh: `字段（${issue.path.join('.') || '顶层'}）`, en: `field ${issue.path.join('.') || '(top level)'}` };
    throw refused(
      'IMPORT_REJECTED',
      `规则包${file}的${where.zh}不符合规则：${issue.message}；`,
      `In the rule package "${fileName}", ${where.en} is not valid: ${issue.message}.`,
    );
  }
  return parsed.data;
}

/** A package from a later Tierdesk may mean things this version does not know: refused before anything else is read. */
function refuseNewer(fileName: string, json: Record<string, unknown>): void {
  const { formatVersion, schemaVersion } = json;
  const newerFormat = typeof formatVersion === 'number' && formatVersion > RULE_PACKAGE_FORMAT_VERSION;
  const newerSchema = typeof schemaVersion === 'number' && schemaVersion > LATEST_SCHEMA_VERSION;
  if (!newerFormat && !newerSchema) return;
  const what = newerFormat
    ? {
        zh: `规则包格式 ${formatVersion}，本版本支持到 ${RULE_PACKAGE_FORMAT_VERSION}`,
        en: `package format ${formatVersion}; this version reads up to ${RULE_PACKAGE_FORMAT_VERSION}`,
      }
    : {
        zh: `数据库结构 ${schemaVersion}，本版本为 ${LATEST_SCHEMA_VERSION}`,
        en: `database schema ${schemaVersion}; this version has ${LATEST_SCHEMA_VERSION}`,
      };
  throw refused(
    'SCHEMA_TOO_NEW',
    `「${fileName}」由更新版本的 Tierdesk 导出（${what.zh}），请先升级 Tierdesk；`,
    `"${fileName}" was exported by a newer Tierdesk (${what.en}); upgrade Tierdesk first.`,
  );
}
