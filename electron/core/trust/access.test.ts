import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../shared/contract';
import type { StaffRole } from '../../../shared/schemas/common';
import { createTestContext, seedBranch, testSession, TEST_NOW } from '../../../tests/helpers/branch';
import { dispatch } from '../dispatch';

const M: StaffRole = 'manager';
const B: StaffRole = 'branch_manager';
const T: StaffRole = 'teller';
const A: StaffRole = 'admin';
const ANY = [M, B, T, A];
const BOOK = [M, B];
const SETTINGS = [B, A];

/**
 * The spec of who may call what, written out here on its own: every channel of the contract must be in it (a new one
 * fails until placed), and dispatch must refuse exactly the roles not listed.
 */
const EXPECTED: Record<Channel, 'public' | StaffRole[]> = {
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.signIn': 'public',
  'auth.signOut': ANY,
  'recovery.backups': 'public',
  'recovery.restore': 'public',
  'staff.list': [A],
  'staff.save': [A],
  'access.settings': ANY,
  'access.saveSettings': [A],
  'app.info': ANY,
  'app.about': SETTINGS,
  'setup.createBranch': 'public',
  'setup.checklist': SETTINGS,
  'branch.profile': ANY,
  'branch.saveProfile': [A],
  'branch.clearDemo': [A],
  'dataDir.choose': [A],
  'dataDir.removeOld': [A],
  'customers.page': ANY,
  'customers.count': ANY,
  'customers.card': ANY,
  'customers.search': ANY,
  'customers.reveal': BOOK,
  'tiers.overview': ANY,
  'tiers.matrix': ANY,
  'flows.report': ANY,
  'flows.breakdown': ANY,
  'groups.report': ANY,
  'warnings.list': ANY,
  'warnings.settings': ANY,
  'warnings.saveSettings': SETTINGS,
  'retention.board': ANY,
  'retention.createAction': BOOK,
  'retention.setOutcome': BOOK,
  'retention.results': ANY,
  'contacts.log': BOOK,
  'complaints.board': ANY,
  'complaints.list': ANY,
  'complaints.detail': ANY,
  'complaints.analysis': ANY,
  'complaints.register': BOOK,
  'complaints.transition': BOOK,
  'complaints.extend': BOOK,
  'complaints.pause': BOOK,
  'complaints.resume': BOOK,
  'complaints.review': BOOK,
  'surveys.templates': ANY,
  'surveys.templates.save': SETTINGS,
  'surveys.respond': BOOK,
  'surveys.results': ANY,
  'workbench.today': BOOK,
  'suitability.customer': ANY,
  'suitability.suggestions': ANY,
  'suitability.recordAssessment': BOOK,
  'suitability.overview': ANY,
  'suitability.customers': ANY,
  'suitability.bench': BOOK,
  'suitability.settings': ANY,
  'suitability.saveSettings': SETTINGS,
  'loyalty.settings': [M, B, A],
  'loyalty.saveRules': SETTINGS,
  'loyalty.saveGift': SETTINGS,
  'loyalty.customer': [M, B, A],
  'loyalty.redeem': BOOK,
  'loyalty.bonus': BOOK,
  'loyalty.adjust': [B],
  'loyalty.analysis': SETTINGS,
  'loyalty.analysisCustomers': [B],
  'benefits.catalogues': ANY,
  'benefits.saveCatalogue': [A],
  'benefits.removeCatalogue': [A],
  'benefits.customer': ANY,
  'benefits.downgradeLosses': ANY,
  'benefits.analysis': ANY,
  'benefits.analysisCustomers': ANY,
  'benefits.recordUse': BOOK,
  'households.customer': ANY,
  'households.create': BOOK,
  'households.addMember': BOOK,
  'households.leave': BOOK,
  'households.page': ANY,
  'workbench.coverage': BOOK,
  'workbench.standards': ANY,
  'workbench.saveStandards': SETTINGS,
  'care.calendar': BOOK,
  'plans.week': BOOK,
  'plans.add': BOOK,
  'plans.mark': BOOK,
  'plans.remove': BOOK,
  'plans.branch': [B, A],
  'events.list': BOOK,
  'events.detail': BOOK,
  'events.save': BOOK,
  'events.invite': BOOK,
  'events.attendance': BOOK,
  'tiers.rules': ANY,
  'tiers.previewRules': SETTINGS,
  'segments.grid': ANY,
  'dimensions.settings': ANY,
  'segments.saved': ANY,
  'segments.save': BOOK,
  'segments.remove': BOOK,
  'imports.history': SETTINGS,
  'imports.template': SETTINGS,
  'imports.problems': SETTINGS,
  'audit.list': SETTINGS,
  'audit.verify': SETTINGS,
  'backups.list': SETTINGS,
  'backups.inspect': SETTINGS,
  'backups.create': SETTINGS,
  'backups.restore': [A],
  'files.pick': SETTINGS,
  'exports.save': ANY,
  'rules.exportPackage': SETTINGS,
  'rules.previewPackage': [A],
  'books.handoverPreview': [B],
  'books.handover': [B],
  'books.handovers': [B],
  'books.undoHandover': [B],
  'books.cover': [B],
  'books.setBackup': [B],
  'books.markAway': [B],
  'books.cancelAway': [B],
  'campaigns.list': BOOK,
  'campaigns.create': [B],
  'campaigns.members': BOOK,
  'campaigns.ofCustomer': BOOK,
  'campaigns.setStatus': BOOK,
  'campaigns.feedback': [B],
  'campaigns.compareList': [B],
  'campaigns.result': [B],
  'campaigns.remove': [B],
  'jobs.start': ANY,
  'jobs.status': ANY,
  'jobs.current': ANY,
  'jobs.cancel': ANY,
};

let ctx: ReturnType<typeof createTestContext>;
beforeEach(() => {
  ctx = createTestContext();
  seedBranch(
    ctx.store,
    [{ customer_no: 'A1', name: '王芳', manager_code: 'M01', assets: { '2024-03': 100 } }],
    [
      { code: 'M01', name: '周文静', role: 'manager' },
      { code: 'M02', name: '吴海', role: 'manager' },
    ],
  );
});
afterEach(() => ctx.store.close());

const forbiddenAudits = () =>
  ctx.store.sqlite.prepare("SELECT actor, target FROM audit_log WHERE action = 'auth.forbidden'").all();

describe('who may call what', () => {
  it('lists every contract channel', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS)(
    '%s: refused before sign-in unless public, and refused to exactly the roles not allowed',
    async (channel) => {
      const expected = EXPECTED[channel];
      const anonymous = await dispatch(ctx, { staff: null, lastActive: 0 }, channel, {});
      if (expected === 'public') expect(anonymous.ok || anonymous.error.code).not.toBe('UNAUTHENTICATED');
      else expect(anonymous.ok ? 'ok' : anonymous.error.code).toBe('UNAUTHENTICATED');
      for (const role of ANY) {
        const result = await dispatch(ctx, testSession('M01', role), channel, {});
        const refused = !result.ok && result.error.code === 'FORBIDDEN';
        expect({ role, refused }).toEqual({ role, refused: expected !== 'public' && !expected.includes(role) });
      }
    },
  );

  it('audits every refusal with who and what', async () => {
    await dispatch(ctx, testSession('M01', 'teller'), 'contacts.log', {});
    expect(forbiddenAudits()).toEqual([{ actor: 'M01', target: 'contacts.log' }]);
  });

  it('decides jobs by kind, and exports by template and fullness', async () => {
    const job = (request: unknown) => ({ request });
    const exportOf = (template: string, full = false) =>
      job({
        kind: 'exports.report',
        export: {
          template,
          month: '2024-03',
          format: 'xlsx',
          encoding: 'utf8',
          full,
          reason: full ? '核对资料' : null,
          ...(template === 'list' ? { filter: {}, sort: { field: 'customerNo', direction: 'asc' } } : {}),
        },
      });
    // Allowed calls start their job (or meet the one still running): only whether it is refused matters here.
    const code = async (role: StaffRole, input: unknown) => {
      const result = await dispatch(ctx, testSession('M01', role), 'jobs.start', input);
      return !result.ok && result.error.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'ok';
    };
    expect(await code('manager', job({ kind: 'imports.undo' }))).toBe('FORBIDDEN');
    expect(await code('teller', job({ kind: 'tiers.recompute' }))).toBe('FORBIDDEN');
    expect(await code('teller', exportOf('list'))).toBe('FORBIDDEN');
    expect(await code('teller', exportOf('monthly'))).toBe('ok');
    expect(await code('admin', exportOf('customers', true))).toBe('FORBIDDEN');
    expect(await code('manager', exportOf('audit'))).toBe('FORBIDDEN');
    expect(await code('branch_manager', exportOf('audit'))).toBe('ok');
  });
});

describe('acting as who is signed in', () => {
  it('records the signed-in staff member, and refuses an actor sent by the window', async () => {
    const save = (input: object) =>
      dispatch(ctx, testSession('M02', 'branch_manager', '吴海'), 'segments.save', {
        name: '大客户',
        filter: { aumMinFen: 1 },
        replace: false,
        ...input,
      });
    const sent = await save({ staffCode: 'M01' });
    expect(sent.ok ? 'ok' : sent.error).toMatchObject({ code: 'VALIDATION', details: { field: 'staffCode' } });
    const jobSent = await dispatch(ctx, testSession('M02', 'branch_manager', '吴海'), 'jobs.start', {
      request: { kind: 'imports.undo', staffCode: 'M01' },
    });
    expect(jobSent.ok ? 'ok' : jobSent.error.code).toBe('VALIDATION');
    expect((await save({})).ok).toBe(true);
    expect(ctx.store.sqlite.prepare('SELECT created_by FROM saved_segments').pluck().get()).toBe('M02');
  });

  it('locks a window after the idle minutes and audits it', async () => {
    const session = testSession();
    session.lastActive = Date.parse(TEST_NOW) - 11 * 60_000;
    const result = await dispatch(ctx, session, 'app.info', {});
    expect(result.ok ? 'ok' : result.error.code).toBe('UNAUTHENTICATED');
    expect(session.staff).toBeNull();
    expect(
      ctx.store.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.idleLock'").pluck().get(),
    ).toBe(1);
  });
});
