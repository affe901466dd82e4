import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { lunarLabel, lunarOf, nextBirthday } from '../workbench/care-calendar';
import { AppError } from '../../../shared/errors';
import { ageAt } from '../../../shared/month';
import type {
  CustomerCard,
  CustomerCountQuery,
  CustomerListRow,
  CustomerPage,
  CustomerPageQuery,
} from '../../../shared/schemas/customer';
import { findMonthlyAssetsOfCustomer } from './assets-repository';
import {
  countCustomers,
  cursorAfter,
  findCustomersPage,
  type CustomerCursor,
  type CustomerListRecord,
} from './customers-repository';
import { maskIdNumber, maskMobile } from '../trust/masking';
import type { CoreContext } from '../platform/context';
import { requireCustomerByNo } from './lookup';
import { managerHistoryOf } from './book-history';
import { explainCustomerTiers, listCustomerOverrides, tierNames } from '../tiers/tier-history';
import { rulesForMonth, tiersOfCustomers } from '../tiers/tiers';
import { toQueryFilter } from './selection';
import { retentionOfCustomer, warningOfCustomer } from '../retention/retention';
import { latestTierMonth } from '../tiers/tiers';
import { appendAudit } from '../platform/audit-log';
import { REVEAL_SECONDS, type RevealInput } from '../../../shared/schemas/auth';

const CursorSchema = z.strictObject({
  phase: z.union([z.literal(1), z.literal(2)]),
  key: z.union([z.string(), z.number(), z.null()]),
  id: z.number().int(),
});

/**
 * A page cursor holds the last row's sort key (a full name, a 月日均): sealed (AES-256-GCM under a key of this run) so
 * the window can hand it back but neither read it — a teller sees names masked — nor forge one. A cursor of an
 * earlier run reads as invalid (back to the first page).
 */
const CURSOR_KEY = randomBytes(32);

function encodeCursor(cursor: CustomerCursor): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', CURSOR_KEY, iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(cursor), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

function decodeCursor(text: string): CustomerCursor {
  try {
    const bytes = Buffer.from(text, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', CURSOR_KEY, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const json = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    return CursorSchema.parse(JSON.parse(json));
  } catch {
    throw new AppError(
      'VALIDATION',
      '翻页位置无效，请回到第一页。',
      'Invalid page cursor; go back to the first page.',
      {
        field: 'cursor',
      },
    );
  }
}

type ProfileRecord = Omit<CustomerListRecord, 'id' | 'aum_avg'>;

/** The masked, user-facing shape of a customer (personal data never leaves unmasked). */
function toProfile(
  record: ProfileRecord,
  today: string,
): Omit<CustomerListRow, 'aumFen' | 'tierCode' | 'tierName' | 'tierStatus'> {
  return {
    customerNo: record.customer_no,
    name: record.name,
    gender: record.gender,
    age: record.birth_date ? ageAt(record.birth_date, today) : null,
    mobileMasked: record.mobile ? maskMobile(record.mobile) : null,
    idNumberMasked: record.id_number ? maskIdNumber(record.id_number) : null,
    managerCode: record.manager_code,
    managerName: record.manager_name,
    openedDate: record.opened_date,
    closedDate: record.closed_date,
    riskLevel: record.risk_level,
  };
}

/** `masksNames`: the caller sees names masked, and finds them by the search text only as the palette lets them. */
export async function getCustomersPage(
  ctx: CoreContext,
  query: CustomerPageQuery,
  masksNames = false,
): Promise<CustomerPage> {
  const records = await findCustomersPage(ctx.store.db, {
    month: query.month,
    sortField: query.sort.field,
    direction: query.sort.direction,
    filter: toQueryFilter(ctx, query.month, query.filter, masksNames),
    cursor: query.cursor === null ? null : decodeCursor(query.cursor),
    limit: query.limit,
  });
  const page = records.slice(0, query.limit);
  const today = ctx.today();
  const tiers = tiersOfCustomers(
    ctx,
    query.month,
    page.map((r) => r.id),
  );
  const names = tierNames(rulesForMonth(ctx, query.month));
  return {
    rows: page.map((r, i) => ({
      ...toProfile(r, today),
      aumFen: r.aum_avg,
      tierCode: tiers[i].tierCode,
      tierName: tiers[i].tierCode === null ? null : (names.get(tiers[i].tierCode) ?? tiers[i].tierCode),
      tierStatus: tiers[i].status,
    })),
    nextCursor:
      records.length > query.limit ? encodeCursor(cursorAfter(page[page.length - 1], query.sort.field)) : null,
    namesMasked: masksNames,
  };
}

export async function getCustomersCount(
  ctx: CoreContext,
  query: CustomerCountQuery,
  masksNames = false,
): Promise<{ total: number }> {
  const filter = toQueryFilter(ctx, query.month, query.filter, masksNames);
  return { total: await countCustomers(ctx.store.db, query.month, filter) };
}

/** A customer's next birthday as the card shows it. */
function birthdayOf(birthDate: string, lunar: boolean, today: string) {
  return { ...nextBirthday(birthDate, lunar, today), lunarLabel: lunar ? lunarLabel(lunarOf(birthDate)) : null };
}

export async function getCustomerCard(ctx: CoreContext, customerNo: string): Promise<CustomerCard> {
  const record = await requireCustomerByNo(ctx, customerNo);
  const months = await findMonthlyAssetsOfCustomer(ctx.store.db, record.id);
  const tierHistory = explainCustomerTiers(ctx, record.id, record.opened_date, record.closed_date, months);
  const latestRules = rulesForMonth(ctx, '9999-12');
  const warningMonth = latestTierMonth(ctx);
  return {
    customerNo: record.customer_no,
    warningMonth,
    warning: warningMonth ? warningOfCustomer(ctx, record.id, warningMonth) : null,
    ...retentionOfCustomer(ctx, record.id),
    tierHistory,
    overrides: listCustomerOverrides(ctx, record.id),
    tierChoices: latestRules.tiers.map((t) => ({ code: t.code, name: t.name })),
    managerHistory: managerHistoryOf(
      ctx,
      {
        id: record.id,
        managerCode: record.manager_code,
        managerName: record.manager_name,
        openedDate: record.opened_date,
      },
      months[0]?.month ?? null,
    ),
    customer: {
      ...toProfile(record, ctx.today()),
      occupation: record.occupation,
      annualIncomeFen: record.annual_income,
      riskAssessedDate: record.risk_assessed_date,
      nextBirthday: record.birth_date ? birthdayOf(record.birth_date, record.lunar_birthday === 1, ctx.today()) : null,
      idExpiryDate: record.id_expiry_date,
    },
    months: months.map((m) => ({
      month: m.month,
      aumFen: m.aum_avg,
      depositFen: m.deposit_avg,
      demandFen: m.demand_avg,
      wealthFen: m.wealth_avg,
      fundFen: m.fund_avg,
      insuranceFen: m.insurance_avg,
      otherFen: m.other_avg,
      loanFen: m.loan_avg,
      monthEndFen: m.aum_month_end,
    })),
  };
}

/**
 * One personal field of one customer in full (查看完整信息), with the reason: audited, and shown for a minute (the
 * screen masks it again at `expiresAt`). Dispatch has checked the customer is in the staff member's book.
 */
export async function revealCustomerField(
  ctx: CoreContext,
  input: RevealInput,
): Promise<{ value: string | null; expiresAt: string }> {
  const record = await requireCustomerByNo(ctx, input.customerNo);
  const value = input.field === 'idNumber' ? record.id_number : record.mobile;
  appendAudit(ctx.store.sqlite, {
    at: ctx.now(),
    actor: input.staffCode,
    action: 'customers.reveal',
    target: input.customerNo,
    detail: { field: input.field, reason: input.reason },
  });
  return { value, expiresAt: new Date(Date.parse(ctx.now()) + REVEAL_SECONDS * 1000).toISOString() };
}
