import { afterEach, describe, expect, it } from 'vitest';
import { csvText, xlsxFile } from '../../../tests/fixtures/spreadsheets';
import { createTestContext } from '../../../tests/helpers/branch';
import { encodeChinese } from '../platform/text-encoding';
import { analyzeImport, commitImport, type ImportFile } from '../imports/imports';
import { getFlowReport } from './flows';

/**
 * Seed 002's private-banking study (ABC Wuxi Taihu, threshold 500万), rebuilt as the files head office would send:
 * January 2011 72 customers 5.85亿 (avg 812.5万); May 2011 150 customers 15.12亿; 39 retained, 33 lost, 111 new,
 * net +78 customers and +9.27亿; 44 entered via wealth products buying 3.08亿.
 */
interface PaperCustomer {
  no: string;
  opened: string;
  /** 月日均 in 万元 and 理财 in 万元; null = not in that month's file. */
  jan: number | null;
  may: number | null;
  mayWealth?: number;
}

function paperBranch(): PaperCustomer[] {
  const customers: PaperCustomer[] = [];
  const add = (n: number, prefix: string, make: (i: number) => Omit<PaperCustomer, 'no'>) => {
    for (let i = 0; i < n; i++) customers.push({ no: `${prefix}${String(i + 1).padStart(3, '0')}`, ...make(i) });
  };
  add(39, '62201', (i) => ({ opened: '2005-06-01', jan: 812.5, may: i === 0 ? 2400 : 1700 }));
  add(25, '62202', () => ({ opened: '2006-03-15', jan: 812.5, may: 300 })); // dropped below
  add(8, '62203', () => ({ opened: '2007-09-01', jan: 812.5, may: null })); // gone: churned
  add(40, '62204', () => ({ opened: '2008-01-20', jan: 300, may: 1000, mayWealth: 700 })); // via wealth
  add(4, '62205', () => ({ opened: '2011-03-02', jan: null, may: 1000, mayWealth: 700 })); // opened after January, via wealth
  add(57, '62206', () => ({ opened: '2009-05-05', jan: 450, may: 600 }));
  add(10, '62207', () => ({ opened: '2011-02-14', jan: null, may: 600 })); // opened after January
  add(30, '62208', () => ({ opened: '2010-01-01', jan: 100, may: 120 })); // never in the segment
  return customers;
}

let ctx: ReturnType<typeof createTestContext>;
afterEach(() => ctx.store.close());

async function importFile(file: ImportFile): Promise<void> {
  const analysis = await analyzeImport(ctx, [file], { inProcess: true });
  expect(analysis.problems.filter((p) => p.severity === 'error')).toEqual([]);
  await commitImport(
    ctx,
    analysis,
    { replaceMonths: true, staffCode: null },
    { signal: new AbortController().signal, report: () => undefined },
  );
}

describe('the 2011 paper case, from raw monthly files through the importer', () => {
  it('reproduces the paper’s two-period table', async () => {
    ctx = createTestContext();
    const customers = paperBranch();
    await importFile({
      name: '客户信息.xlsx',
      bytes: xlsxFile([
        {
          name: '客户信息',
          rows: [
            ['客户号', '客户名称', '开户日期'],
            ...customers.map((c) => [c.no, `客户${c.no.slice(-4)}`, c.opened]),
          ],
        },
      ]),
    });
    // January as an xlsx in 万元; May as a GBK CSV in 元 with the 理财 column.
    await importFile({
      name: '金融资产月报201101.xlsx',
      bytes: xlsxFile([
        {
          name: '2011年1月',
          rows: [
            ['金融资产月报 2011年1月'],
            ['序号', '客户号', '月份', '金融资产月日均（万元）', '理财月日均（万元）'],
            ...customers.filter((c) => c.jan !== null).map((c, i) => [i + 1, c.no, '2011年1月', c.jan, 0]),
          ],
        },
      ]),
    });
    await importFile({
      name: '金融资产月报201105.csv',
      bytes: encodeChinese(
        csvText([
          ['客户号', '月份', '金融资产月日均(元)', '理财月日均(元)'],
          ...customers
            .filter((c) => c.may !== null)
            .map((c) => [
              c.no,
              '2011-05',
              ((c.may as number) * 10_000).toFixed(2),
              ((c.mayWealth ?? 0) * 10_000).toFixed(2),
            ]),
        ]),
        'gbk',
      ).bytes,
    });

    const report = getFlowReport(ctx, { fromMonth: '2011-01', toMonth: '2011-05', thresholdFen: 500 * 1_000_000 });
    const WAN = 1_000_000; // 1万元 in 分
    const g = report.groups;
    expect(g.start.count).toBe(72);
    expect(g.start.aumAFen).toBe(58_500 * WAN);
    expect((g.start.aumAFen as number) / g.start.count).toBe(812.5 * WAN);
    expect(g.end.count).toBe(150);
    expect(g.end.aumBFen).toBe(151_200 * WAN);
    expect(g.retained.count).toBe(39);
    expect(g.lost.count).toBe(33);
    expect(g.lostDown.count).toBe(25);
    expect(g.lostChurned.count).toBe(8);
    expect(g.new.count).toBe(111);
    expect(g.newOpened.count).toBe(14);
    expect(g.newUp.count).toBe(97);
    expect(report.net).toEqual({ count: 78, aumFen: 92_700 * WAN });
    expect(g.viaWealth.count).toBe(44);
    expect(report.viaWealthRiseFen).toBe(30_800 * WAN);
    expect(report.renumbered).toEqual([]);
  });
});
