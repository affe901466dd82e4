import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind } from '../../../shared/import-fields';
import { createTestContext, seedBranch } from '../../../tests/helpers/branch';
import { allRows } from '../../../tests/helpers/sheets';
import { cellText } from './import-cells';
import { analyzeOne } from '../../../tests/helpers/imports';
import { readWorkbook } from './parse/read-workbook';
import { importTemplate } from './templates';

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  // The examples' customer, for the kinds that change only customers already known.
  seedBranch(ctx.store, [{ customer_no: '0510001', name: '王芳' }]);
});
afterEach(() => ctx.store.close());

describe('import templates', () => {
  // Surveys need a template chosen, benefit uses a catalogue and a tier: each kind's own tests read theirs back.
  it.each(IMPORT_KINDS.filter((k) => k !== 'surveys' && k !== 'benefit-usage'))(
    'the %s template is read back as its kind: every column mapped, its example row without a problem',
    async (kind: ImportKind) => {
      const { fileName, bytes } = await importTemplate(kind);
      expect(fileName).toMatch(/导入模板\.xlsx$/);
      const analysis = await analyzeOne(ctx, { name: fileName, bytes });
      expect(analysis.file.kind).toBe(kind);
      expect(analysis.file.mapping.map((m) => m.field)).toEqual([...IMPORT_FIELDS[kind]]);
      expect(analysis.file.rows).toBe(1);
      expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(analysis.file.canCommit).toBe(true);
    },
  );

  it('explains every column, says which are required, and writes no formula', async () => {
    const { fileName, bytes } = await importTemplate('assets');
    const workbook = await readWorkbook(bytes, fileName);
    const [data, notes] = workbook.sheets;
    expect(notes.name).toBe('填写说明');
    const noteRows = allRows(notes).map((row) => row.map(cellText));
    expect(noteRows[0]).toEqual(['列名', '必填', '说明', '示例']);
    const headers = allRows(data)[0].map(cellText);
    for (const header of headers) expect(noteRows.find((r) => r[0] === header)?.[2], header).toBeTruthy();
    expect(noteRows.find((r) => r[0] === '金融资产月日均（元）')?.[1]).toBe('是');
    expect(noteRows.find((r) => r[0] === '客户号')?.[1]).toBe('是');
  });
});
