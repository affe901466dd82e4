/**
 * The settings made of plain fields (dimension thresholds, the warning model, access settings), each field with the
 * words and unit its screen shows it in, and their diff: one line per field that differs (docs/domain.md, "Rule
 * packages"). Pure.
 */
import { formatPercent, formatThresholdAmount } from '../../../shared/format';
import { WARNING_SIGNAL_NAMES, WARNING_SIGNALS } from '../../../shared/schemas/retention';
import type { RulePackageChange } from '../../../shared/schemas/rule-packages';
import { CUSTOMER_RISK_LEVELS } from '../../../shared/schemas/suitability';

/** The usual word of each customer level (docs/domain.md, "Suitability"). */
const CUSTOMER_RISK_WORDS = { C1: '保守型', C2: '稳健型', C3: '平衡型', C4: '成长型', C5: '进取型' } as const;

export const change = (text: string, textEn: string): RulePackageChange => ({ text, textEn, kind: 'change' });

/** An amount in 元 for English (`CNY 6,000,000`). */
export const yuanEn = (fen: number) => `CNY ${formatThresholdAmount(fen, 'yuan')}`;

export interface Field {
  /** Dotted path into the setting. */
  path: string;
  zh: string;
  en: string;
  show: (value: unknown) => [zh: string, en: string];
}

const asShare = (v: unknown): [string, string] => [formatPercent(v as number), formatPercent(v as number)];
const asCount =
  (zh: string, en: string) =>
  (v: unknown): [string, string] => [`${String(v)} ${zh}`, `${String(v)} ${en}`];
const asYuan = (v: unknown): [string, string] => [
  `${formatThresholdAmount(v as number, 'yuan')} 元`,
  yuanEn(v as number),
];
const asYesNo = (v: unknown): [string, string] => (v ? ['是', 'yes'] : ['否', 'no']);

export const DIMENSION_FIELDS: Field[] = [
  {
    path: 'depthShallowMax',
    zh: '关系深度“浅”的产品类数上限',
    en: 'Depth "shallow": most categories',
    show: asCount('类', 'categories'),
  },
  {
    path: 'depthMediumMax',
    zh: '关系深度“中”的产品类数上限',
    en: 'Depth "medium": most categories',
    show: asCount('类', 'categories'),
  },
  { path: 'idleDemandShare', zh: '闲置活期占比', en: 'Idle demand deposit share', show: asShare },
  { path: 'inflowShare', zh: '资金流入增幅', en: 'Inflow rise', show: asShare },
  { path: 'nearNextTierShare', zh: '接近上一层级的差距', en: 'Near the next tier within', show: asShare },
  { path: 'riskValidMonths', zh: '风险评估有效期', en: 'Risk assessment valid for', show: asCount('个月', 'months') },
  { path: 'newCustomerMonths', zh: '导入期月数', en: 'Onboarding period', show: asCount('个月', 'months') },
  { path: 'trendShare', zh: '三个月变动幅度', en: 'Three-month trend', show: asShare },
  { path: 'churnBelowFen', zh: '流失门槛', en: 'Churned below', show: asYuan },
];

export const WARNING_FIELDS: Field[] = [
  { path: 'marginShare', zh: '预警范围（门槛以上）', en: 'Warning margin above the threshold', show: asShare },
  ...WARNING_SIGNALS.map((signal) => ({
    path: `weights.${signal}`,
    zh: `权重：${WARNING_SIGNAL_NAMES[signal]}`,
    en: `Weight: ${signal}`,
    show: asCount('分', 'points'),
  })),
  { path: 'gapFullShare', zh: '缺口满分比例', en: 'Gap scoring in full at', show: asShare },
  { path: 'trendFullShare', zh: '趋势满分比例', en: 'Trend scoring in full at', show: asShare },
  { path: 'maturityFullShare', zh: '到期满分比例', en: 'Maturities scoring in full at', show: asShare },
  { path: 'outflowMinShare', zh: '大额流出起点', en: 'Large outflow from', show: asShare },
  { path: 'outflowFullShare', zh: '大额流出满分比例', en: 'Outflow scoring in full at', show: asShare },
  { path: 'highScore', zh: '“高”分数线', en: '"High" from', show: asCount('分', 'points') },
  { path: 'mediumScore', zh: '“中”分数线', en: '"Medium" from', show: asCount('分', 'points') },
];

export const ACCESS_FIELDS: Field[] = [
  { path: 'idleMinutes', zh: '闲置锁定', en: 'Idle lock after', show: asCount('分钟', 'minutes') },
  { path: 'managerBranchView', zh: '客户经理可查看全行客户', en: 'Managers see the whole branch', show: asYesNo },
  { path: 'tellerMasksNames', zh: '柜员看到的姓名打码', en: 'Names masked for tellers', show: asYesNo },
  { path: 'tellerSeesAggregates', zh: '柜员可见全行分层合计', en: 'Tellers see branch figures', show: asYesNo },
];

const asMaxRisk = (v: unknown): [string, string] => [`最高 R${String(v)}`, `up to R${String(v)}`];

/**
 * The suitability setting (docs/domain.md, "Suitability"): per customer level, for professional investors, and
 * whether a wealth product's proposal needs its 双录 number.
 */
export const SUITABILITY_FIELDS: Field[] = [
  ...CUSTOMER_RISK_LEVELS.map((level) => ({
    path: `maxProductRisk.${level}`,
    zh: `适当性：${level} ${CUSTOMER_RISK_WORDS[level]}可持有产品`,
    en: `Suitability: ${level} may hold`,
    show: asMaxRisk,
  })),
  {
    path: 'professionalMaxRisk',
    zh: '适当性：专业投资者可持有产品',
    en: 'Suitability: professional investors may hold',
    show: asMaxRisk,
  },
  {
    path: 'requireDualRecording',
    zh: '适当性：向普通投资者推荐理财类产品须填双录编号',
    en: 'Suitability: wealth proposals to retail customers need a dual-recording number',
    show: asYesNo,
  },
];

const at = (value: object, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

export function diffFields(before: object, after: object, fields: Field[]): RulePackageChange[] {
  return fields.flatMap((field) => {
    const [a, b] = [at(before, field.path), at(after, field.path)];
    if (a === b) return [];
    const [aZh, aEn] = field.show(a);
    const [bZh, bEn] = field.show(b);
    return [change(`${field.zh}：${aZh} → ${bZh}`, `${field.en}: ${aEn} → ${bEn}`)];
  });
}
