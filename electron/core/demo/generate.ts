import { addDays, addMonths, lastDayOfMonth, monthRange } from '../../../shared/month';
import type { StaffRole } from '../../../shared/schemas/common';
import { residentIdCheckChar } from '../customers/resident-id';

/**
 * A deterministic, seeded demo branch: heavy-tailed 月日均 (a few hundred customers above 600万 per 20,000,
 * about 2% holding most assets), 24 months of history, valid ID numbers and mobiles. Pure: the same options
 * always give the same branch.
 */

export interface DemoOptions {
  customers: number;
  months: number;
  /** The last month with data (`YYYY-MM`), usually last month. */
  endMonth: string;
  seed: number;
}

export interface DemoStaff {
  code: string;
  name: string;
  role: StaffRole;
}

export interface DemoMonthlyAssets {
  month: string;
  aum: number;
  deposit: number;
  demand: number;
  wealth: number;
  fund: number;
  insurance: number;
  other: number;
  loan: number;
  monthEnd: number;
}

export interface DemoCustomer {
  customerNo: string;
  name: string;
  gender: 'M' | 'F';
  idNumber: string;
  birthDate: string;
  mobile: string | null;
  occupation: string;
  annualIncomeFen: number;
  riskLevel: string;
  riskAssessedDate: string;
  openedDate: string;
  closedDate: string | null;
  managerCode: string | null;
  /** Keeps the lunar birthday (about one in ten). */
  lunarBirthday: boolean;
  /** The ID document's expiry: 20 years after an issue date some years back (some already past). */
  idExpiryDate: string;
  assets: DemoMonthlyAssets[];
  /** Contacts by the manager over the last half year (none for customers without one, or closed). */
  contacts: DemoContact[];
}

export interface DemoContact {
  date: string;
  channel: 'phone' | 'visit';
}

/**
 * A managed customer's contacts over the 180 days to the end of the data: the larger the balance, the more often
 * (about every 25, 50, 80 or 150 days; none under 5万), a visit now and then, and one in five customers let slip.
 * From the index, not the random stream.
 */
function demoContacts(index: number, lastMonth: string, aumFen: number): DemoContact[] {
  const wan = aumFen / 1_000_000;
  if (wan < 5 || index % 5 === 0) return [];
  const every = wan >= 600 ? 25 : wan >= 200 ? 50 : wan >= 50 ? 80 : 150;
  const end = lastDayOfMonth(lastMonth);
  const contacts: DemoContact[] = [];
  for (let back = (index * 17) % every, n = 0; back < 180; back += every, n++) {
    contacts.push({ date: addDays(end, -back), channel: (index + n) % 3 === 0 ? 'visit' : 'phone' });
  }
  return contacts;
}

export const DEMO_BRANCH_NAME = '太湖支行（演示数据）';

export const DEMO_STAFF: readonly DemoStaff[] = [
  { code: '3201001', name: '周文静', role: 'manager' },
  { code: '3201002', name: '陈志强', role: 'manager' },
  { code: '3201003', name: '王丽华', role: 'manager' },
  { code: '3201004', name: '李建国', role: 'manager' },
  { code: '3201005', name: '张晓燕', role: 'manager' },
  { code: '3201006', name: '刘海峰', role: 'manager' },
  { code: '3201007', name: '吴敏', role: 'manager' },
  { code: '3201008', name: '孙浩然', role: 'manager' },
  { code: '3201090', name: '钱振华', role: 'branch_manager' },
  { code: '3201101', name: '赵倩', role: 'teller' },
  { code: '3201199', name: '系统管理员', role: 'admin' },
];

const MANAGER_CODES = DEMO_STAFF.filter((s) => s.role === 'manager').map((s) => s.code);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文博立成康';
const GIVEN_F = '芳娜敏静丽艳娟霞秀英慧婷玲红梅琳颖倩洁琴云莉兰燕萍雪婧瑶欣怡晨月璐佳';
const REGION_CODES = [
  '320211',
  '320213',
  '320214',
  '320205',
  '320206',
  '320281',
  '320282',
  '320102',
  '310104',
  '110105',
  '320583',
  '340104',
];
const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '181',
  '189',
  '177',
  '199',
];
const OCCUPATIONS = [
  '企业管理人员',
  '专业技术人员',
  '公务员',
  '个体工商户',
  '私营企业主',
  '企业职员',
  '教师',
  '医务人员',
  '自由职业',
  '其他',
];
const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'];

/** mulberry32: small, fast, good enough for demo data, and stable across platforms. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    normal,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[] | string): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number): boolean => next() < p,
  };
}
type Random = ReturnType<typeof createRandom>;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dateIn(random: Random, year: number, monthFrom = 1, monthTo = 12): string {
  const month = random.int(monthFrom, monthTo);
  return `${year}-${pad(month, 2)}-${pad(random.int(1, 28), 2)}`;
}

/** A year before the window in which an adult customer opened the account. */
function openedYearBefore(random: Random, birthYear: number, firstYear: number): number {
  const latest = firstYear - 1;
  return random.int(Math.min(latest, Math.max(latest - 21, birthYear + 18)), latest);
}

function makeName(random: Random, gender: 'M' | 'F'): string {
  const given = gender === 'M' ? GIVEN_M : GIVEN_F;
  const length = random.chance(0.7) ? 2 : 1;
  let name = random.pick<string>(SURNAMES);
  for (let i = 0; i < length; i++) name += random.pick<string>(given);
  return name;
}

function makeIdNumber(random: Random, birthDate: string, gender: 'M' | 'F'): string {
  // The 17th digit is odd for men and even for women.
  const sequence = random.int(0, 99) * 10 + (gender === 'M' ? random.int(0, 4) * 2 + 1 : random.int(0, 4) * 2);
  const first17 = random.pick(REGION_CODES) + birthDate.replaceAll('-', '') + pad(sequence, 3);
  return first17 + residentIdCheckChar(first17);
}

/** Splits a total (fen) into parts by shares, exactly: deposits take the rounding remainder. */
function splitAssets(
  total: number,
  shares: { wealth: number; fund: number; insurance: number; other: number; demandOfDeposit: number },
) {
  const wealth = Math.floor(total * shares.wealth);
  const fund = Math.floor(total * shares.fund);
  const insurance = Math.floor(total * shares.insurance);
  const other = Math.floor(total * shares.other);
  const deposit = total - wealth - fund - insurance - other;
  return { deposit, demand: Math.floor(deposit * shares.demandOfDeposit), wealth, fund, insurance, other };
}

function makeCustomer(random: Random, index: number, months: readonly string[]): DemoCustomer {
  const firstMonth = months[0];
  const lastMonth = months[months.length - 1];
  const endYear = Number(lastMonth.slice(0, 4));
  const gender: 'M' | 'F' = random.chance(0.52) ? 'F' : 'M';
  const age = Math.min(85, Math.max(20, Math.round(46 + random.normal() * 15)));
  // Any day of the year (a care calendar of every month has birthdays in it).
  const birthDate = dateIn(random, endYear - age);

  // Log-normal wealth, older customers a little richer: the tail gives a few hundred above 600万 in 20,000.
  const ageBoost = (age - 45) * 0.02;
  let level = 30_000 * Math.exp(random.normal() * 2.3 + ageBoost); // 元
  level = Math.min(level, 500_000_000);

  const openedInWindow = random.chance(0.12);
  const openedDate = openedInWindow
    ? `${months[random.int(1, months.length - 1)]}-${pad(random.int(1, 28), 2)}`
    : dateIn(random, openedYearBefore(random, Number(birthDate.slice(0, 4)), Number(firstMonth.slice(0, 4))));
  const closes = !openedInWindow && random.chance(0.03);
  const closedMonth = closes ? months[random.int(2, months.length - 1)] : null;

  const richness = Math.min(1, Math.log10(Math.max(level, 1)) / 8);
  const wealthShare = Math.min(0.7, random.next() * 0.6 * richness + 0.05 * random.next());
  const fundShare = random.next() * 0.15 * richness;
  const insuranceShare = random.chance(0.3) ? random.next() * 0.1 : 0;
  const otherShare = random.chance(0.1) ? random.next() * 0.05 : 0;
  const demandOfDeposit = 0.15 + random.next() * 0.7;
  let loan = random.chance(0.12) ? random.int(200_000, 3_000_000) * 100 : 0;

  const drift = random.normal() * 0.012;
  const assets: DemoMonthlyAssets[] = [];
  for (const month of months) {
    if (month < openedDate.slice(0, 7)) continue;
    if (closedMonth !== null && month >= closedMonth) break;
    level *= Math.exp(drift + random.normal() * 0.06);
    if (random.chance(0.02)) level *= random.chance(0.5) ? 0.5 + random.next() * 0.3 : 1.3 + random.next() * 0.7;
    if (closedMonth !== null && month >= addMonths(closedMonth, -2)) level *= 0.05; // moving money out before closing
    if (random.chance(0.001)) continue; // an occasional month missing from head office's file
    const aum = Math.round(Math.min(level, 800_000_000) * 100);
    loan = Math.max(0, loan - random.int(0, 5_000) * 100);
    assets.push({
      month,
      aum,
      ...splitAssets(aum, {
        wealth: wealthShare,
        fund: fundShare,
        insurance: insuranceShare,
        other: otherShare,
        demandOfDeposit,
      }),
      loan,
      monthEnd: Math.max(0, Math.round(aum * Math.exp(random.normal() * 0.04))),
    });
  }

  const assigned = level >= 50_000 ? random.chance(0.97) : random.chance(0.45);
  const riskAssessedYear = endYear - (random.chance(0.8) ? 0 : random.int(1, 3));
  return {
    customerNo: `0${pad(510_000_000 + index, 9)}`,
    name: makeName(random, gender),
    gender,
    idNumber: makeIdNumber(random, birthDate, gender),
    birthDate,
    mobile: random.chance(0.97) ? random.pick(MOBILE_PREFIXES) + pad(random.int(0, 99_999_999), 8) : null,
    occupation: age >= 60 && random.chance(0.7) ? '退休人员' : random.pick(OCCUPATIONS),
    annualIncomeFen: Math.round((60_000 + level * (0.02 + random.next() * 0.08)) / 1000) * 1000 * 100,
    riskLevel: random.pick(RISK_LEVELS),
    riskAssessedDate: dateIn(random, riskAssessedYear, 1, Number(lastMonth.slice(5, 7))),
    openedDate,
    closedDate: closedMonth ? `${closedMonth}-${pad(random.int(1, 28), 2)}` : null,
    managerCode: assigned ? MANAGER_CODES[Math.floor(random.next() * MANAGER_CODES.length)] : null,
    // From the index, not the random stream: the rest of the branch stays as it was before these existed.
    lunarBirthday: (index * 7919) % 10 === 3,
    contacts: closedMonth === null && assigned ? demoContacts(index, lastMonth, assets.at(-1)?.aum ?? 0) : [],
    idExpiryDate: `${endYear - 2 + ((index * 31) % 20)}-${pad(1 + ((index * 7) % 12), 2)}-${pad(1 + ((index * 13) % 28), 2)}`,
    assets,
  };
}

/** Yields the demo customers one at a time, so 200,000 of them never sit in memory together. */
export function* generateDemoCustomers(options: DemoOptions): Generator<DemoCustomer> {
  const random = createRandom(options.seed);
  const months = monthRange(addMonths(options.endMonth, -(options.months - 1)), options.endMonth);
  for (let i = 0; i < options.customers; i++) yield makeCustomer(random, i, months);
}

/** The roles of a demo household's members after its head, in order. */
const DEMO_HOUSEHOLD_ROLES = ['spouse', 'child', 'parent'] as const;

/**
 * The demo branch's households (docs/domain.md, "Households"), deterministic from the seed: about three customers in
 * ten, in households of 2–4 consecutive customers (the first the head, then a spouse, a child, a parent), so some
 * span two books. Positions are 0-based indexes into the customers in the order generated.
 */
export function demoHouseholds(
  customers: number,
  seed: number,
): Array<{ start: number; roles: Array<'head' | (typeof DEMO_HOUSEHOLD_ROLES)[number]> }> {
  const random = createRandom(seed ^ 0x5a5a5a5a);
  const households: Array<{ start: number; roles: Array<'head' | (typeof DEMO_HOUSEHOLD_ROLES)[number]> }> = [];
  let at = 0;
  while (at < customers) {
    if (!random.chance(0.12)) {
      at += 1;
      continue;
    }
    const size = Math.min(random.int(2, 4), customers - at);
    if (size >= 2) households.push({ start: at, roles: ['head', ...DEMO_HOUSEHOLD_ROLES.slice(0, size - 1)] });
    at += size;
  }
  return households;
}
