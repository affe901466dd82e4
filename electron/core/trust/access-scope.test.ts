import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allows } from '../../../shared/access';
import { CHANNELS, contract, type Channel, type ChannelSpec } from '../../../shared/contract';
import { PUBLIC } from '../../../shared/roles';
import { DEFAULT_ACCESS_SETTINGS } from '../../../shared/schemas/auth';
import type { StaffRole } from '../../../shared/schemas/common';
import { DEFAULT_WARNING_SETTINGS } from '../../../shared/schemas/retention';
import { DEFAULT_TIER_RULE_SET } from '../../../shared/schemas/tiers';
import { DEFAULT_CONTACT_STANDARDS } from '../../../shared/schemas/workbench';
import { DEFAULT_SUITABILITY_SETTINGS } from '../../../shared/schemas/suitability';
import { defaultLoyaltyRuleSet } from '../../../shared/schemas/loyalty';
import {
  BALANCES_FEN,
  FULL_NAMES,
  ID_NUMBER,
  MINE,
  MONTH,
  OTHERS,
  session,
  setBranchView,
  twoBooks,
  WAN,
  WEEK,
  type TwoBooks,
} from '../../../tests/helpers/two-books';
import { migrations } from '../../../migrations';
import { runMigrations } from '../platform/migrate';
import { readAccessSettings } from '../platform/settings';
import { isMoneyField, protectAggregates, SMALLEST_GROUP_SHOWN, WHOLE_BRANCH } from './access-scope';
import { recomputeTiers } from '../tiers/tier-recompute';
import { seedBranch, TEST_TODAY } from '../../../tests/helpers/branch';
import type { Exposure } from '../../../shared/roles';
import { HIDDEN_FROM_TELLERS } from './masking';
import { dispatch, servedWhileChecking } from '../dispatch';
import type { Session } from './auth';

let branch: TwoBooks;
beforeEach(async () => {
  branch = await twoBooks();
});
afterEach(() => branch.ctx.store.close());

type Ids = TwoBooks['ids'];
/** An input naming what one book holds (`own`: 周文静's, else 吴海's). */
type Sample = (ids: Ids, own: boolean) => unknown;

const customerOf = (own: boolean) => (own ? MINE[0] : OTHERS[0]);
const idsOf = (ids: Ids, own: boolean) => (own ? ids.mine : ids.theirs);
const page = { month: MONTH, sort: { field: 'customerNo', direction: 'asc' }, filter: {}, cursor: null, limit: 50 };

/**
 * One call of every channel, about 周文静's book or 吴海's: what each role may call, whose customers come back and
 * what a 客户经理 may act on are all checked from this one table (a new channel must be placed here).
 */
/** A handover of one customer of the book to the other book's manager. */
const handoverSample = (own: boolean) => ({
  selection: { by: 'customers', customerNos: [customerOf(own)] },
  toManagerCode: own ? 'M02' : 'M01',
  effectiveDate: TEST_TODAY,
  reason: 'balance',
});

const SAMPLES: Record<Channel, Sample> = {
  'auth.status': () => ({}),
  'auth.setup': () => ({ code: 'X1', name: '某人', secret: '12345678' }),
  'auth.signIn': () => ({ code: 'M01', secret: 'wrong-secret' }),
  'auth.signOut': () => ({}),
  'recovery.backups': () => ({}),
  'recovery.restore': () => ({}),
  'staff.list': () => ({}),
  'staff.save': () => ({ code: 'X9', name: '新同事', role: 'teller', active: false }),
  'access.settings': () => ({}),
  'access.saveSettings': () => ({ settings: DEFAULT_ACCESS_SETTINGS }),
  'app.info': () => ({}),
  'app.about': () => ({}),
  'setup.createBranch': () => ({ profile: { name: '梁溪支行', code: '3201', headOffice: '无锡分行' } }),
  'setup.checklist': () => ({}),
  'branch.profile': () => ({}),
  'branch.saveProfile': () => ({ profile: { name: '梁溪支行', code: '3201', headOffice: '无锡分行' } }),
  'branch.clearDemo': () => ({
    confirmation: '清除演示数据',
    profile: { name: '梁溪支行', code: '3201', headOffice: '无锡分行' },
  }),
  'dataDir.choose': () => ({}),
  'dataDir.removeOld': () => ({ confirmation: '删除旧数据目录' }),
  'customers.page': () => page,
  'customers.count': () => ({ month: MONTH, filter: {} }),
  'customers.card': (_ids, own) => ({ customerNo: customerOf(own) }),
  'customers.search': (_ids, own) => ({ text: own ? '01' : '02' }),
  'customers.reveal': (_ids, own) => ({
    customerNo: customerOf(own),
    field: 'mobile',
    reason: '核实身份',
  }),
  'tiers.overview': () => ({ month: MONTH }),
  'tiers.matrix': () => ({ fromMonth: '2024-02', toMonth: MONTH }),
  'flows.report': () => ({ fromMonth: '2024-02', toMonth: MONTH, tierCode: 'T3' }),
  'flows.breakdown': () => ({ fromMonth: '2024-02', toMonth: MONTH, tierCode: 'T3', dimension: 'aboveLevel' }),
  'groups.report': () => ({ month: MONTH, tierCode: 'T3', dimension: 'manager' }),
  'warnings.list': (_ids, own) => ({ month: MONTH, managerCode: own ? 'M01' : 'M02', offset: 0, limit: 50 }),
  'warnings.settings': () => ({}),
  'warnings.saveSettings': () => ({ settings: DEFAULT_WARNING_SETTINGS }),
  'retention.board': (_ids, own) => ({ ownerCode: own ? 'M01' : 'M02', includeClosed: true }),
  'retention.createAction': (_ids, own) => ({
    customerNo: customerOf(own),
    month: MONTH,
    kind: 'visit',
    ownerCode: 'M01',
    dueDate: '2024-04-25',
  }),
  'retention.setOutcome': (ids, own) => ({
    actionId: idsOf(ids, own).action,
    outcome: 'saved',
    reason: '客户追加存款',
  }),
  'retention.results': () => ({ fromMonth: '2024-02', toMonth: MONTH }),
  'contacts.log': (_ids, own) => ({
    customerNo: customerOf(own),
    date: '2024-04-09',
    channel: 'phone',
    purpose: 'care',
  }),
  'complaints.board': (_ids, own) => ({ managerCode: own ? 'M01' : 'M02' }),
  'complaints.list': (_ids, own) => ({ managerCode: own ? 'M01' : 'M02', offset: 0, limit: 50 }),
  'complaints.detail': (ids, own) => ({ complaintId: idsOf(ids, own).complaint }),
  'complaints.analysis': () => ({ fromMonth: '2024-01', toMonth: '2024-04' }),
  'complaints.register': (_ids, own) => ({
    receivedAt: '2024-04-02',
    channel: 'phone',
    category: 'fee',
    customerNo: customerOf(own),
    involvedStaffCode: null,
    description: '收费不明',
    demand: null,
    severity: 'low',
    regulatorReferred: false,
  }),
  'complaints.transition': (ids, own) => ({
    complaintId: idsOf(ids, own).complaint,
    to: 'accepted',
    date: '2024-04-02',
  }),
  'complaints.extend': (ids, own) => ({
    complaintId: idsOf(ids, own).complaint,
    days: 10,
    approverCode: 'B01',
    reason: '需第三方核实',
  }),
  'complaints.pause': (ids, own) => ({
    complaintId: idsOf(ids, own).complaint,
    from: '2024-04-03',
    reason: '第三方核实',
  }),
  'complaints.resume': (ids, own) => ({ complaintId: idsOf(ids, own).complaint, date: '2024-04-05' }),
  'complaints.review': (ids, own) => ({ complaintId: idsOf(ids, own).complaint, date: '2024-04-06' }),
  'surveys.templates': () => ({}),
  'surveys.templates.save': () => ({
    name: '满意度',
    questions: [{ kind: 'score', text: '总体满意度' }],
  }),
  'surveys.respond': (_ids, own) => ({
    templateId: 1,
    customerNo: customerOf(own),
    date: '2024-04-09',
    channel: 'phone',
    answers: [5],
  }),
  'surveys.results': () => ({ fromMonth: '2024-01', toMonth: '2024-04' }),
  'workbench.today': (_ids, own) => ({ managerCode: own ? 'M01' : 'M02' }),
  'suitability.customer': (_ids, own) => ({ customerNo: customerOf(own) }),
  'suitability.suggestions': (_ids, own) => ({ customerNo: customerOf(own), month: MONTH }),
  'suitability.recordAssessment': (_ids, own) => ({
    customerNo: customerOf(own),
    riskLevel: 'C3',
    assessedDate: '2024-04-01',
    channel: '柜面',
    professional: false,
  }),
  'suitability.overview': (_ids, own) => ({ month: MONTH, managerCode: own ? 'M01' : 'M02' }),
  'suitability.customers': (_ids, own) => ({ month: MONTH, finding: 'unassessed', managerCode: own ? 'M01' : 'M02' }),
  'suitability.bench': (_ids, own) => ({ managerCode: own ? 'M01' : 'M02' }),
  'suitability.settings': () => ({}),
  'books.handoverPreview': (_ids, own) => handoverSample(own),
  'books.handover': (_ids, own) => handoverSample(own),
  'books.handovers': () => ({}),
  'books.undoHandover': () => ({ handoverId: 1 }),
  'books.cover': () => ({}),
  'books.setBackup': () => ({ managerCode: 'M01', backupCode: 'M02' }),
  'books.markAway': () => ({ managerCode: 'M01', from: '2024-04-15', to: '2024-04-19' }),
  'books.cancelAway': () => ({ absenceId: 1 }),
  'campaigns.list': () => ({}),
  'campaigns.create': () => ({
    name: '理财推广',
    goalKind: 'aum',
    startDate: '2024-04-01',
    endDate: '2024-04-30',
    holdoutShare: 0.1,
    source: { by: 'file', fileToken: '00000000-0000-4000-8000-000000000000' },
  }),
  'campaigns.members': (_ids, own) => ({ campaignId: 1, managerCode: own ? 'M01' : 'M02' }),
  'campaigns.ofCustomer': (_ids, own) => ({ customerNo: customerOf(own) }),
  'campaigns.setStatus': (_ids, own) => ({
    campaignId: 1,
    customerNo: customerOf(own),
    status: 'contacted',
    date: '2024-04-09',
  }),
  'campaigns.feedback': () => ({ campaignId: 1 }),
  'campaigns.compareList': () => ({ campaignId: 1, fileToken: '00000000-0000-4000-8000-000000000000' }),
  'campaigns.result': () => ({ campaignId: 1 }),
  'campaigns.remove': () => ({ campaignId: 1 }),
  'suitability.saveSettings': () => ({ settings: DEFAULT_SUITABILITY_SETTINGS }),
  'loyalty.settings': () => ({}),
  'loyalty.saveRules': () => ({ rules: defaultLoyaltyRuleSet(MONTH) }),
  'loyalty.saveGift': () => ({ gift: { code: 'G1', name: '保温杯', pointsPrice: 100, stock: 5, active: true } }),
  'loyalty.customer': (_ids, own) => ({ customerNo: customerOf(own) }),
  'loyalty.redeem': (_ids, own) => ({ customerNo: customerOf(own), giftCode: 'G1', quantity: 1 }),
  'loyalty.bonus': (_ids, own) => ({ customerNo: customerOf(own), bonusEvent: 'event', reason: '参加理财沙龙' }),
  'loyalty.adjust': (_ids, own) => ({ customerNo: customerOf(own), points: 10, reason: '系统迁移补录' }),
  'loyalty.analysis': () => ({}),
  'loyalty.analysisCustomers': () => ({ month: MONTH, tierCode: 'T3' }),
  'benefits.catalogues': () => ({}),
  'benefits.saveCatalogue': () => ({ catalogue: { validFrom: MONTH, benefits: [] } }),
  'benefits.removeCatalogue': () => ({ validFrom: MONTH }),
  'benefits.customer': (_ids, own) => ({ customerNo: customerOf(own) }),
  'benefits.downgradeLosses': (_ids, own) => ({ month: MONTH, customerNos: [customerOf(own)] }),
  'benefits.analysis': (_ids, own) => ({ month: MONTH, managerCode: own ? 'M01' : 'M02' }),
  'benefits.analysisCustomers': (_ids, own) => ({
    month: MONTH,
    tierCode: 'T0',
    count: 'neverUsed',
    managerCode: own ? 'M01' : 'M02',
  }),
  'benefits.recordUse': (_ids, own) => ({
    customerNo: customerOf(own),
    benefitCode: 'LOUNGE',
    date: '2024-04-01',
    count: 1,
  }),
  'households.customer': (_ids, own) => ({ customerNo: customerOf(own) }),
  'households.create': (_ids, own) => ({ headCustomerNo: customerOf(own), joinedDate: '2024-01-01' }),
  'households.addMember': (_ids, own) => ({
    headCustomerNo: customerOf(own),
    customerNo: own ? MINE[1] : OTHERS[1],
    role: 'spouse',
    joinedDate: '2024-01-01',
  }),
  'households.leave': (_ids, own) => ({ customerNo: own ? MINE[1] : OTHERS[1], leftDate: '2024-04-01' }),
  'households.page': (_ids, own) => ({
    month: MONTH,
    sort: { field: 'headNo', direction: 'asc' },
    filter: { managerCode: own ? 'M01' : 'M02' },
    offset: 0,
    limit: 50,
  }),
  'workbench.coverage': () => ({ fromMonth: '2024-02', toMonth: MONTH }),
  'workbench.standards': () => ({}),
  'workbench.saveStandards': () => ({ settings: DEFAULT_CONTACT_STANDARDS }),
  'care.calendar': (_ids, own) => ({ from: WEEK, to: '2024-04-14', managerCode: own ? 'M01' : 'M02' }),
  'plans.week': (_ids, own) => ({ managerCode: own ? 'M01' : 'M02', week: WEEK }),
  'plans.add': (_ids, own) => ({
    managerCode: 'M01',
    week: WEEK,
    items: [{ kind: 'visit', reason: 'manual', customerNo: customerOf(own) }],
  }),
  'plans.mark': (ids, own) => ({ id: idsOf(ids, own).plan, done: true }),
  'plans.remove': (ids, own) => ({ id: idsOf(ids, own).plan }),
  'plans.branch': () => ({ week: WEEK }),
  'events.list': () => ({}),
  'events.detail': (ids) => ({ eventId: ids.branchEvent }),
  'events.save': (ids, own) => ({
    id: idsOf(ids, own).event,
    title: '理财沙龙',
    kind: 'salon',
    date: '2024-04-27',
    ownerCode: own ? 'M01' : 'M02',
  }),
  'events.invite': (ids, own) => ({
    eventId: ids.branchEvent,
    customerNos: [own ? MINE[1] : OTHERS[1]],
  }),
  'events.attendance': (ids, own) => ({
    eventId: ids.branchEvent,
    customerNo: customerOf(own),
    status: 'attended',
  }),
  'tiers.rules': () => ({}),
  'tiers.previewRules': () => ({ rules: { ...DEFAULT_TIER_RULE_SET, validFrom: MONTH } }),
  'segments.grid': () => ({ month: MONTH, rows: 'tier', columns: 'status' }),
  'dimensions.settings': () => ({}),
  'segments.saved': () => ({}),
  'segments.save': (_ids, own) => ({
    name: own ? '周文静的客户' : '吴海的客户',
    filter: { tierCodes: ['T2'] },
    replace: true,
  }),
  'segments.remove': (ids, own) => ({ id: idsOf(ids, own).segment }),
  'imports.history': () => ({}),
  'imports.template': () => ({ kind: 'assets' }),
  'imports.problems': () => ({ analysisId: '00000000-0000-4000-8000-000000000000' }),
  'audit.list': () => ({ limit: 50, offset: 0 }),
  'audit.verify': () => ({}),
  'backups.list': () => ({}),
  'backups.inspect': () => ({ fileName: 'tierdesk-20240101-000000-manual.db' }),
  'backups.create': () => ({ chooseLocation: true }),
  'backups.restore': () => ({ fileName: 'tierdesk-20240101-000000-manual.db' }),
  'files.pick': () => ({}),
  'exports.save': () => ({ token: '00000000-0000-4000-8000-000000000000' }),
  'rules.exportPackage': () => ({}),
  'rules.previewPackage': () => ({ fileToken: '00000000-0000-4000-8000-000000000000' }),
  'jobs.start': (ids, own) => ({
    request: { kind: 'tiers.removeOverride', overrideId: idsOf(ids, own).override },
  }),
  'jobs.status': () => ({ jobId: 'none' }),
  'jobs.current': () => ({}),
  'jobs.cancel': () => ({ jobId: 'none' }),
};

/** Channels whose sample names something of one book: a 客户经理 is refused 吴海's, whatever the branch view. */
const NAMES_ONE = new Set<Channel>(
  CHANNELS.filter(
    (channel) =>
      (contract[channel] as ChannelSpec).acts !== undefined ||
      channel === 'jobs.start' ||
      channel === 'customers.card' ||
      channel === 'campaigns.ofCustomer' ||
      channel === 'suitability.customer' ||
      channel === 'suitability.suggestions' ||
      channel === 'loyalty.customer' ||
      channel === 'benefits.customer' ||
      channel === 'households.customer' ||
      channel === 'complaints.detail',
  ),
);

async function call(who: Session, channel: Channel, input: unknown) {
  const result = await dispatch(branch.ctx, who, channel, input);
  await branch.ctx.jobs.idle();
  return result;
}
const refused = (result: Awaited<ReturnType<typeof call>>) => !result.ok && result.error.code === 'FORBIDDEN';
const ROLES: Array<[StaffRole, () => Session]> = [
  ['manager', session.mine],
  ['teller', session.teller],
  ['branch_manager', session.branch],
  ['admin', session.admin],
];
const OTHER_BOOK = /020000[12]|欧阳春晓|张伟/;
const FULL_PERSONAL = new RegExp(`${ID_NUMBER}|13812345678|13987654321`);
const BALANCE = new RegExp(`\\b(${[...BALANCES_FEN, 600 * WAN - BALANCES_FEN[0]].join('|')})\\b`);
const OTHER_BALANCE = new RegExp(`\\b(${BALANCES_FEN.slice(2).join('|')})\\b`);

type Shape = Record<string, z.ZodType>;

/** The object shapes a schema is made of, through arrays, nullables, unions and records (not into fields). */
function shapesOf(schema: z.ZodType): Shape[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => shapesOf(def[key] as z.ZodType);
  if (def.type === 'object') return [def.shape as Shape];
  if (def.type === 'array') return inner('element');
  if (['nullable', 'optional', 'default', 'readonly'].includes(def.type)) return inner('innerType');
  if (def.type === 'union') return (def.options as z.ZodType[]).flatMap(shapesOf);
  if (def.type === 'record') return inner('valueType');
  if (def.type === 'pipe') return inner('out');
  return [];
}

/** Every object shape anywhere inside `schema`. */
const allShapes = (schema: z.ZodType): Shape[] =>
  shapesOf(schema).flatMap((shape) => [shape, ...Object.values(shape).flatMap(allShapes)]);

/** Amounts a teller would see inside a customer row: not replaced by `HIDDEN_FROM_TELLERS` (nor inside what is). */
function tellerLeaks(shape: Shape, path: string): string[] {
  return Object.entries(shape).flatMap(([key, field]) => {
    if (Object.hasOwn(HIDDEN_FROM_TELLERS, key))
      return field.safeParse(HIDDEN_FROM_TELLERS[key]).success
        ? []
        : [`${path}.${key}: cannot hold ${JSON.stringify(HIDDEN_FROM_TELLERS[key])}`];
    if (key.endsWith('Fen') && key !== 'thresholdFen') return [`${path}.${key}`];
    return shapesOf(field).flatMap((inner) => tellerLeaks(inner, `${path}.${key}`));
  });
}

describe('declarations', () => {
  const rowsOf = (channel: Channel) => allShapes(contract[channel].output).filter((shape) => 'customerNo' in shape);

  it.each(CHANNELS)('%s: answers customer rows only if it says so', (channel) => {
    if (rowsOf(channel).length > 0)
      expect({ channel, answers: contract[channel].customers.answers }).toEqual({ channel, answers: 'rows' });
  });

  it('every amount of a branch figure may be withheld (null); a tier total shown has its count beside it', () => {
    const problems = CHANNELS.flatMap((channel) => {
      const exposure: Exposure = contract[channel].customers;
      if (exposure.answers !== 'aggregates') return [];
      return allShapes(contract[channel].output).flatMap((shape) =>
        Object.entries(shape).flatMap(([key, field]) => {
          if (!isMoneyField(key)) return [];
          const counted = !exposure.tierTotals || (key.startsWith('previous') ? 'previousCount' : 'count') in shape;
          return [
            ...(counted ? [] : [`${channel} ${key}: no count beside it`]),
            ...(field.safeParse(null).success ? [] : [`${channel} ${key}: cannot be withheld`]),
          ];
        }),
      );
    });
    expect(problems).toEqual([]);
  });

  it('every amount in a customer row is hidden from tellers (thresholds are the rules), and what replaces it fits the schema', () => {
    expect(CHANNELS.flatMap((channel) => rowsOf(channel).flatMap((row) => tellerLeaks(row, channel)))).toEqual([]);
  });
});

describe('every channel, as every role, on either book', () => {
  it.each(CHANNELS.filter((c) => contract[c].roles !== PUBLIC))('%s', async (channel) => {
    for (const [role, who] of ROLES) {
      for (const own of [false, true]) {
        const input = SAMPLES[channel](branch.ids, own);
        const result = await call(who(), channel, input);
        const allowed = allows(role, channel, input);
        const refusedAsManager = role === 'manager' && !own && NAMES_ONE.has(channel);
        expect({ role, own, refused: refused(result) }).toEqual({ role, own, refused: !allowed || refusedAsManager });
        if (!result.ok) continue;
        const json = JSON.stringify(result.value);
        // 周文静 without the branch view never sees 吴海's customers nor their balances, not even as a figure of a
        // group of one; a teller never a full name or a balance.
        if (role === 'manager') expect(json).not.toMatch(OTHER_BOOK);
        if (role === 'manager') expect(json).not.toMatch(OTHER_BALANCE);
        if (role === 'teller') expect(json).not.toMatch(BALANCE);
        if (role === 'teller' && contract[channel].customers.answers === 'rows')
          for (const name of FULL_NAMES) expect(json).not.toContain(`"${name}"`);
        // ID numbers and mobiles leave main in full only through a reveal.
        if (channel !== 'customers.reveal') expect(json).not.toMatch(FULL_PERSONAL);
      }
    }
  });
});

describe('while the database file is checked', () => {
  it.each(CHANNELS.filter((channel) => servedWhileChecking(channel) && !channel.startsWith('auth.')))(
    '%s is served, and writes nothing',
    async (channel) => {
      branch.ctx.store.sqlite.pragma('query_only = 1');
      for (const who of [session.branch(), session.mine(), session.teller()]) {
        const input = SAMPLES[channel](branch.ids, true);
        // A refusal is audited (a write): only the calls each role may make.
        if (!allows(who.staff?.role ?? null, channel, input)) continue;
        const result = await call(who, channel, input);
        expect(result.ok || result.error.code).not.toBe('READ_ONLY');
      }
    },
  );
});

describe('reading', () => {
  const LISTS: Channel[] = [
    'customers.page',
    'customers.search',
    'warnings.list',
    'retention.board',
    'complaints.list',
    'complaints.analysis',
    'care.calendar',
    'workbench.today',
    'suitability.customers',
    'suitability.bench',
    'plans.week',
    'events.detail',
  ];

  it.each(LISTS)(
    '%s: a 客户经理 gets their own book whatever they ask; with the branch view, the branch (but their own day, plan and invitees)',
    async (channel) => {
      const theirs = SAMPLES[channel](branch.ids, false);
      const shown = async (who: Session) =>
        JSON.stringify(((await call(who, channel, theirs)) as { value: unknown }).value);
      expect(await shown(session.branch())).toMatch(OTHER_BOOK);
      expect(await shown(session.mine())).not.toMatch(OTHER_BOOK);
      await setBranchView(branch, true);
      const exposure = contract[channel].customers;
      const wholeBranch = exposure.answers === 'rows' && exposure.scope === 'branchView';
      expect(OTHER_BOOK.test(await shown(session.mine()))).toBe(wholeBranch);
    },
  );

  it('counts and totals are the book’s too', async () => {
    const count = async (who: Session, filter = {}) =>
      ((await call(who, 'customers.count', { month: MONTH, filter })) as { value: { total: number } }).value.total;
    expect(await count(session.mine())).toBe(2);
    expect(await count(session.branch())).toBe(4);
    // Asking for another book gets one's own.
    const theirs = { managerCode: 'M02', search: OTHERS[0] };
    expect(await count(session.mine(), theirs)).toBe(0);
    expect(await count(session.branch(), theirs)).toBe(1);
    const warned = async (who: Session) =>
      (
        (await call(who, 'warnings.list', { month: MONTH, offset: 0, limit: 50 })) as {
          value: { total: number; rows: unknown[] };
        }
      ).value;
    const mine = await warned(session.mine());
    expect(mine.total).toBe(mine.rows.length);
    expect(mine.total).toBeLessThan((await warned(session.branch())).total);
  });

  it('a card or a complaint of another book is refused, and audited', async () => {
    const card = await call(session.mine(), 'customers.card', { customerNo: OTHERS[0] });
    expect(card).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: `客户 ${OTHERS[0]} 不在您的管户名下，不能查看或操作` },
    });
    expect(await call(session.mine(), 'complaints.detail', { complaintId: branch.ids.theirs.complaint })).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    );
    const audits = branch.ctx.store.sqlite
      .prepare("SELECT actor, target FROM audit_log WHERE action = 'auth.forbidden'")
      .all();
    expect(audits).toEqual([
      { actor: 'M01', target: 'customers.card' },
      { actor: 'M01', target: 'complaints.detail' },
    ]);
  });
});

describe('acting', () => {
  it('reveals one field of a customer in the book, with a reason, audited and time-limited', async () => {
    const reveal = (customerNo: string, reason = '开户核实') =>
      call(session.mine(), 'customers.reveal', { customerNo, field: 'idNumber', reason });
    expect(await reveal(MINE[0])).toEqual({
      ok: true,
      value: { value: ID_NUMBER, expiresAt: '2024-04-10T09:01:00.000Z' },
    });
    const audits = branch.ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'customers.reveal'")
      .all();
    expect(audits).toEqual([
      { actor: 'M01', target: MINE[0], detail: JSON.stringify({ field: 'idNumber', reason: '开户核实' }) },
    ]);
    expect(await reveal(OTHERS[0])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await reveal(MINE[0], '')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('须写明原因') },
    });
  });

  it('a 客户经理 moving another book’s complaint to 受理 is refused, the complaint left as it was (the probe)', async () => {
    await setBranchView(branch, true);
    const result = await call(
      session.mine(),
      'complaints.transition',
      SAMPLES['complaints.transition'](branch.ids, false),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('不在您的管户名下') },
    });
    expect(
      branch.ctx.store.sqlite
        .prepare('SELECT status FROM complaints WHERE id = ?')
        .pluck()
        .get(branch.ids.theirs.complaint),
    ).toBe('registered');
    expect(
      await call(session.mine(), 'complaints.transition', SAMPLES['complaints.transition'](branch.ids, true)),
    ).toMatchObject({ ok: true, value: { status: 'accepted' } });
  });

  it('a complaint registered without a customer is the 支行长’s to handle, not a 客户经理’s', async () => {
    const { id } = (await branch.as(session.branch(), 'complaints.register', {
      ...(SAMPLES['complaints.register'](branch.ids, true) as object),
      customerNo: null,
    })) as { id: number };
    const step = { complaintId: id, to: 'accepted', date: '2024-04-02' };
    expect(await call(session.mine(), 'complaints.transition', step)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('由支行长办理') },
    });
    expect(await call(session.branch(), 'complaints.transition', step)).toMatchObject({
      ok: true,
      value: { status: 'accepted' },
    });
  });

  it('another book’s action outcome, override, event and saved segment stay as they were', async () => {
    await setBranchView(branch, true);
    for (const channel of ['retention.setOutcome', 'segments.remove', 'events.save', 'jobs.start'] as const) {
      expect(refused(await call(session.mine(), channel, SAMPLES[channel](branch.ids, false)))).toBe(true);
    }
    const { sqlite } = branch.ctx.store;
    expect(
      sqlite.prepare('SELECT outcome_reason FROM retention_actions WHERE id = ?').pluck().get(branch.ids.theirs.action),
    ).toBeNull();
    expect(
      sqlite.prepare('SELECT count(*) FROM saved_segments WHERE id = ?').pluck().get(branch.ids.theirs.segment),
    ).toBe(1);
    expect(sqlite.prepare('SELECT owner_code FROM events WHERE id = ?').pluck().get(branch.ids.theirs.event)).toBe(
      'M02',
    );
    expect(
      sqlite.prepare('SELECT count(*) FROM tier_overrides WHERE id = ?').pluck().get(branch.ids.theirs.override),
    ).toBe(1);
    // Naming a colleague as an event's owner is refused too.
    expect(
      refused(
        await call(session.mine(), 'events.save', {
          title: '新活动',
          kind: 'forum',
          date: '2024-05-01',
          ownerCode: 'M02',
        }),
      ),
    ).toBe(true);
  });
});

describe('a teller', () => {
  const count = (filter: Record<string, unknown>) =>
    call(session.teller(), 'customers.count', { month: MONTH, filter: { search: MINE[0], ...filter } });

  it('cannot find a balance by halving a 月日均 range: the first such call is refused (the 44-call probe)', async () => {
    let low = 0;
    let high = 10_000 * WAN;
    const answers = [];
    for (let i = 0; i < 44 && low < high; i++) {
      const middle = Math.floor((low + high) / 2);
      const result = await count({ aumMinFen: middle });
      answers.push(result.ok);
      if (!result.ok) break;
      if ((result.value as { total: number }).total > 0) low = middle + 1;
      else high = middle;
    }
    expect(answers).toEqual([false]);
    const audit = branch.ctx.store.sqlite
      .prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'auth.forbidden'")
      .get() as { detail: string };
    expect(audit).toMatchObject({ actor: 'T01', target: 'customers.count' });
    expect(JSON.parse(audit.detail)).toMatchObject({ role: 'teller', field: 'filter.aumMinFen' });
  });

  it.each([
    ['a 月日均 ceiling', { aumMaxFen: 600 * WAN }],
    [
      'a two-period threshold',
      { migration: { fromMonth: '2024-02', toMonth: MONTH, thresholdFen: 500 * WAN, group: 'end' } },
    ],
    ['a group-analysis threshold', { group: { month: MONTH, thresholdFen: 500 * WAN, dimension: 'gender', key: 'F' } }],
    ['an AUM band', { group: { month: MONTH, tierCode: 'T4', dimension: 'aumBand', key: '0' } }],
  ])('is refused %s', async (_what, filter) => {
    expect(refused(await count(filter))).toBe(true);
  });

  it('is refused the 月日均 order, and a saved segment that names customers as a branch figure', async () => {
    expect(
      refused(await call(session.teller(), 'customers.page', { ...page, sort: { field: 'aum', direction: 'desc' } })),
    ).toBe(true);
    const named = await branch.as(session.branch(), 'segments.save', {
      name: '一位客户',
      filter: { search: MINE[0] },
      replace: false,
    });
    expect(
      refused(
        await call(session.teller(), 'groups.report', {
          month: MONTH,
          savedSegmentId: (named as { id: number }).id,
          dimension: 'gender',
        }),
      ),
    ).toBe(true);
    expect(
      await call(session.teller(), 'groups.report', {
        month: MONTH,
        savedSegmentId: branch.ids.mine.segment,
        dimension: 'gender',
      }),
    ).toMatchObject({ ok: true });
  });

  it('sees warnings and the card without any amount built from a balance, names masked', async () => {
    const warnings = (await call(session.teller(), 'warnings.list', { month: MONTH, offset: 0, limit: 50 })) as {
      value: { rows: Array<Record<string, unknown>> };
    };
    const first = warnings.value.rows.find((w) => w.customerNo === MINE[0]);
    expect(first).toMatchObject({
      name: '王*',
      aumFen: null,
      amountNeededFen: null,
      score: null,
      reasons: [],
      thresholdFen: 600 * WAN,
      level: expect.any(String),
    });
    const card = (await call(session.teller(), 'customers.card', { customerNo: MINE[0] })) as {
      value: Record<string, unknown> & {
        customer: { name: string };
        tierHistory: Array<{ explanation: string; reasons: unknown[] }>;
      };
    };
    expect(card.value.customer.name).toBe('王*');
    expect(card.value).toMatchObject({ months: [], warning: null });
    expect(card.value.tierHistory.every((m) => m.explanation === '' && m.reasons.length === 0)).toBe(true);
  });

  it('sees branch figures unless the access settings turn them off', async () => {
    expect(await call(session.teller(), 'tiers.overview', { month: MONTH })).toMatchObject({ ok: true });
    await setBranchView(branch, false, { tellerSeesAggregates: false });
    for (const channel of [
      'tiers.overview',
      'tiers.matrix',
      'segments.grid',
      'groups.report',
      'flows.report',
      'flows.breakdown',
    ] as const) {
      expect(refused(await call(session.teller(), channel, SAMPLES[channel](branch.ids, true)))).toBe(true);
    }
    expect(await call(session.teller(), 'customers.page', page)).toMatchObject({ ok: true });
    expect(await call(session.branch(), 'tiers.overview', { month: MONTH })).toMatchObject({ ok: true });
  });
});

describe('branch figures for a teller and a 客户经理 without the branch view', () => {
  type Matrix = { cells: Array<{ count: number; fromAumFen: number | null; toAumFen: number | null }> };
  const matrixAs = async (who: Session) =>
    ((await call(who, 'tiers.matrix', { fromMonth: '2024-02', toMonth: MONTH })) as { value: Matrix }).value.cells;
  const restricted = () => [session.teller(), session.mine()];

  it('show their counts, no money: one figure less the others around one customer would be that customer (the matrix probe)', async () => {
    const branchCells = await matrixAs(session.branch());
    expect(branchCells.some((c) => c.count > 0 && c.toAumFen !== null)).toBe(true);
    for (const who of restricted()) {
      const cells = await matrixAs(who);
      expect(cells.map((c) => c.count)).toEqual(branchCells.map((c) => c.count));
      expect(cells.every((c) => c.fromAumFen === null && c.toAumFen === null)).toBe(true);
    }
    await setBranchView(branch, true);
    expect(await matrixAs(session.mine())).toEqual(branchCells);
  });

  it('show each tier its total when it covers 5 customers or more, and no concentration curve', async () => {
    seedBranch(
      branch.ctx.store,
      Array.from({ length: SMALLEST_GROUP_SHOWN }, (_, i) => ({
        customer_no: `03${i}`,
        manager_code: 'M02',
        assets: { '2024-02': 800 * WAN, [MONTH]: (800 + i) * WAN },
      })),
      [],
    );
    await recomputeTiers(branch.ctx.store.sqlite, branch.ctx.now());
    for (const who of restricted()) {
      const overview = (await call(who, 'tiers.overview', { month: MONTH })) as {
        value: { tiers: Array<{ code: string; count: number; aumFen: number | null; previousAumFen: number | null }> };
      };
      const t4 = overview.value.tiers.find((t) => t.code === 'T4');
      expect(t4?.count).toBeGreaterThanOrEqual(SMALLEST_GROUP_SHOWN);
      expect(t4).toMatchObject({ aumFen: expect.any(Number), previousAumFen: expect.any(Number) });
      expect(overview.value.tiers.filter((t) => t.count < SMALLEST_GROUP_SHOWN).every((t) => t.aumFen === null)).toBe(
        true,
      );
      const groups = await call(who, 'groups.report', { month: MONTH, tierCode: 'T4', dimension: 'gender' });
      expect(groups).toMatchObject({ ok: true, value: { count: t4?.count, aumFen: null, pareto: [], lorenz: [] } });
    }
  });

  it('name no customer: the renumbered customers of a migration are withheld with its money', () => {
    const report = {
      groups: { start: { count: 3, aumAFen: 300, aumBFen: null } },
      net: { count: 1, aumFen: 100 },
      renumbered: [{ fromCustomerNo: 'L4', toCustomerNo: 'N4' }],
    };
    const restrictedView = { bookOf: 'M01', covers: [], masksNames: false, hidesBalances: false };
    expect(protectAggregates(restrictedView, report)).toEqual({
      groups: { start: { count: 3, aumAFen: null, aumBFen: null } },
      net: { count: 1, aumFen: null },
      renumbered: [],
    });
    expect(protectAggregates(WHOLE_BRANCH, report)).toBe(report);
  });

  it('another book’s customer named by a saved segment: branch figures over it refused to a 客户经理 without the branch view (the segment probe)', async () => {
    const { id } = (await branch.as(session.theirs(), 'segments.save', {
      name: '一位客户',
      filter: { search: OTHERS[0] },
      replace: false,
    })) as { id: number };
    const report = await call(session.mine(), 'groups.report', {
      month: MONTH,
      savedSegmentId: id,
      dimension: 'occupation',
    });
    expect(refused(report)).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(OTHER_BALANCE);
  });

  it('a 客户经理 without the branch view may not count the branch by balance (the count-oracle probe); with it, may', async () => {
    const { id } = (await branch.as(session.mine(), 'segments.save', {
      name: '探针',
      filter: { search: OTHERS[0], aumMinFen: 190 * WAN },
      replace: false,
    })) as { id: number };
    const probes = [
      ['groups.report', { month: MONTH, savedSegmentId: id, dimension: 'gender' }],
      ['groups.report', { month: MONTH, thresholdFen: 190 * WAN, dimension: 'manager' }],
      ['flows.report', { fromMonth: '2024-02', toMonth: MONTH, thresholdFen: 190 * WAN }],
    ] as const;
    for (const [channel, input] of probes)
      expect({ channel, refused: refused(await call(session.mine(), channel, input)) }).toEqual({
        channel,
        refused: true,
      });
    // Their own customers by balance, in their own list, stay theirs to filter.
    expect(
      await call(session.mine(), 'customers.count', { month: MONTH, filter: { aumMinFen: 50 * WAN } }),
    ).toMatchObject({ ok: true, value: { total: 2 } });
    await setBranchView(branch, true);
    for (const [channel, input] of probes)
      expect({ channel, refused: refused(await call(session.mine(), channel, input)) }).toEqual({
        channel,
        refused: false,
      });
  });

  it('a teller may not group customers by balance, nor ask for figures by threshold or warnings by reason', async () => {
    for (const [channel, input] of [
      ['flows.report', { fromMonth: '2024-02', toMonth: MONTH, thresholdFen: 50 * WAN }],
      ['groups.report', { month: MONTH, tierCode: 'T4', dimension: 'aumBand' }],
      ['groups.report', { month: MONTH, thresholdFen: 50 * WAN, dimension: 'gender' }],
      ['warnings.list', { month: MONTH, signal: 'outflow', offset: 0, limit: 50 }],
    ] as const) {
      expect({ channel, refused: refused(await call(session.teller(), channel, input)) }).toEqual({
        channel,
        refused: true,
      });
    }
  });
});

describe('a teller reading names', () => {
  it('may not order customers by name (the order tells the hidden characters), in a list or an export', async () => {
    const byName = { ...page, sort: { field: 'name', direction: 'asc' }, limit: 1 };
    expect(await call(session.teller(), 'customers.page', byName)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', details: { field: 'sort.field' } },
    });
    const exported = await call(session.teller(), 'jobs.start', {
      request: {
        kind: 'exports.report',
        export: {
          template: 'list',
          format: 'xlsx',
          encoding: 'utf8',
          full: false,
          reason: null,
          month: MONTH,
          filter: {},
          sort: byName.sort,
        },
      },
    });
    expect(exported).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Names shown in full (the branch's setting), the order tells nothing hidden.
    expect(await call(session.branch(), 'customers.page', byName)).toMatchObject({ ok: true });
  });

  it('gets page cursors that are sealed: no full name inside, and a forged one refused', async () => {
    const first = (await call(session.teller(), 'customers.page', {
      ...page,
      sort: { field: 'customerNo', direction: 'asc' },
      limit: 1,
    })) as { value: { nextCursor: string } };
    const inside = Buffer.from(first.value.nextCursor, 'base64url').toString('utf8');
    for (const name of FULL_NAMES) expect(inside).not.toContain(name);
    const forged = Buffer.from(JSON.stringify({ phase: 1, key: '王芳', id: 1 })).toString('base64url');
    expect(await call(session.teller(), 'customers.page', { ...page, cursor: forged })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('sees the search of a saved segment masked like a name', async () => {
    await branch.as(session.branch(), 'segments.save', {
      name: '找王芳',
      filter: { search: '王芳' },
      replace: false,
    });
    const saved = (await call(session.teller(), 'segments.saved', {})) as {
      value: { segments: Array<{ name: string; filter: { search?: string } }> };
    };
    expect(saved.value.segments.find((s) => s.name === '找王芳')?.filter.search).toBe('王*');
  });

  it('a 客户经理 without the branch view sees the search of others’ saved segments masked, of their own as typed', async () => {
    await branch.as(session.theirs(), 'segments.save', {
      name: '他人的',
      filter: { search: '王芳' },
      replace: false,
    });
    await branch.as(session.mine(), 'segments.save', {
      name: '我的',
      filter: { search: '李娜' },
      replace: false,
    });
    const searches = async () => {
      const saved = (await call(session.mine(), 'segments.saved', {})) as {
        value: { segments: Array<{ name: string; filter: { search?: string } }> };
      };
      return Object.fromEntries(saved.value.segments.map((s) => [s.name, s.filter.search]));
    };
    expect(await searches()).toEqual({ 他人的: '王*', 我的: '李娜' });
    await setBranchView(branch, true);
    expect(await searches()).toEqual({ 他人的: '王芳', 我的: '李娜' });
  });
});

describe('jobs and downloads belong to whoever started them', () => {
  it('another staff member sees no result, cannot cancel and cannot fetch the file', async () => {
    const monthly = {
      kind: 'exports.report',
      export: {
        template: 'monthly',
        month: MONTH,
        format: 'xlsx',
        encoding: 'utf8',
        full: false,
        reason: null,
      },
    };
    const started = await dispatch(branch.ctx, session.branch(), 'jobs.start', { request: monthly });
    const { jobId } = (started as { value: { jobId: string } }).value;
    expect(await dispatch(branch.ctx, session.teller(), 'jobs.cancel', { jobId })).toMatchObject({
      ok: true,
      value: { cancelling: false },
    });
    await branch.ctx.jobs.idle();
    expect(await dispatch(branch.ctx, session.teller(), 'jobs.status', { jobId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const done = (await dispatch(branch.ctx, session.branch(), 'jobs.status', { jobId })) as {
      value: { result: { token: string } };
    };
    expect(() => branch.ctx.downloads.get(done.value.result.token, 'T01')).toThrow('已过期');
    expect(branch.ctx.downloads.get(done.value.result.token, 'B01').fileName).toBe('月度分层报表-2024-03.xlsx');
  });
});

describe('migration 0015', () => {
  it('keeps the stored access settings, the tellers’ balance flag replaced by the branch-figures one', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(
      db,
      migrations.filter((m) => m.version <= 14),
    );
    db.prepare("INSERT INTO branch_settings (key, value) VALUES ('access_settings', ?)").run(
      JSON.stringify({ idleMinutes: 25, managerBranchView: true, tellerMasksNames: false, tellerHidesBalances: false }),
    );
    runMigrations(db, migrations);
    expect(readAccessSettings(db)).toEqual({
      idleMinutes: 25,
      managerBranchView: true,
      tellerMasksNames: false,
      tellerSeesAggregates: true,
    });
    db.close();
  });
});
