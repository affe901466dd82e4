import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_NAMES, auditActionName, auditDetailText } from '../../../shared/audit-words';

/** Every action the core writes to the log: `action: '…'` literals, and the complaint events' `complaints.<kind>`. */
function actionsWritten(): string[] {
  const core = path.resolve(__dirname, '..');
  const files = readdirSync(core, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  const actions = new Set<string>();
  for (const file of files) {
    const text = readFileSync(path.join(core, file), 'utf8');
    for (const [, action] of text.matchAll(/\baction: '([a-zA-Z]+\.[A-Za-z]+)'/g)) actions.add(action);
    for (const [, kind] of text.matchAll(/recordEvent\(ctx, [\w.]+, '([a-z]+)'/g)) actions.add(`complaints.${kind}`);
    for (const [, action] of text.matchAll(/export const AUDIT_[A-Z]+ = '([a-z]+\.[A-Za-z]+)'/g)) actions.add(action);
  }
  return [...actions].sort();
}

describe('the audit log in words', () => {
  it('names every action the core writes, in Chinese and English', () => {
    const written = actionsWritten();
    expect(written.length).toBeGreaterThan(30);
    expect(written.filter((action) => !(action in AUDIT_ACTION_NAMES))).toEqual([]);
  });

  it('shows an action by its name, and one it does not know as written', () => {
    expect(auditActionName('imports.commit', 'zh-CN')).toBe('导入数据');
    expect(auditActionName('imports.commit', 'en')).toBe('Data imported');
    expect(auditActionName('something.new', 'zh-CN')).toBe('something.new');
  });

  it('writes the details as labelled values: import kinds, yes/no, lists, nested objects, checksums shortened', () => {
    const detail = JSON.stringify({
      batchId: 3,
      kind: 'assets',
      months: ['2026-10', '2026-11'],
      full: false,
      sha256: 'a'.repeat(64),
      filter: { tierCodes: ['T1'] },
      somethingElse: null,
    });
    expect(auditDetailText(detail, 'zh-CN')).toBe(
      '批次：3；类型：金融资产月报；月份：2026-10、2026-11；完整个人信息：否；文件校验值：aaaaaaaaaaaa…；筛选：tierCodes：T1；somethingElse：—',
    );
    expect(auditDetailText(detail, 'en')).toBe(
      'batch: 3; kind: assets; months: 2026-10, 2026-11; full personal data: no; file checksum: aaaaaaaaaaaa…; filter: tierCodes: T1; somethingElse: —',
    );
    expect(auditDetailText('not json', 'zh-CN')).toBe('not json');
    expect(auditDetailText(null, 'zh-CN')).toBe('');
  });
});
