/**
 * The audit log in words, for the screen and the export (docs/architecture.md, "Audit log"): each action's name and
 * each detail's label in Chinese and English. The log itself keeps the stable internal names; an action without a
 * name here is shown as written (a test lists every action the core writes and asks for its name).
 */
import { IMPORT_KIND_NAMES } from './import-fields';
import { ROLE_NAMES, ROLE_NAMES_EN } from './roles';
import type { StaffRole } from './schemas/common';

type Words = readonly [zh: string, en: string];

export const AUDIT_ACTION_NAMES: Readonly<Record<string, Words>> = {
  'access.saveSettings': ['修改访问设置', 'Access settings changed'],
  'audit.anchored': ['审计日志锚点更新', 'Audit log anchored'],
  'audit.guardsRestored': ['恢复审计日志保护', 'Audit log guards restored'],
  'audit.verify': ['校验审计日志', 'Audit log verified'],
  'auth.forbidden': ['越权操作被拒绝', 'Forbidden call refused'],
  'auth.idleLock': ['闲置锁定', 'Locked after idle time'],
  'auth.locked': ['账号锁定', 'Account locked'],
  'auth.setup': ['设置管理员', 'Administrator set up'],
  'auth.signIn': ['登录', 'Signed in'],
  'auth.signInFailed': ['登录失败', 'Sign-in failed'],
  'auth.signOut': ['退出登录', 'Signed out'],
  'auth.signedOutByAccount': ['账号变更后退出', 'Signed out by an account change'],
  'backups.create': ['备份数据库', 'Backup made'],
  'backups.restore': ['从备份恢复', 'Restored from a backup'],
  'books.handover': ['管户交接', 'Customers handed over'],
  'books.handoverApplied': ['交接生效', 'Handover dated ahead applied'],
  'books.actedFor': ['AB角代办', 'Acted for a manager away, as backup'],
  'books.setBackup': ['设置AB角', 'Backup manager set'],
  'books.markAway': ['登记休假', 'Manager marked away'],
  'books.cancelAway': ['取消休假', 'Time away cancelled'],
  'books.undoHandover': ['撤销管户交接', 'Handover undone'],
  'campaigns.create': ['创建营销名单', 'Campaign list made'],
  'campaigns.setStatus': ['更新名单客户状态', 'Campaign member status set'],
  'campaigns.feedback': ['导出名单反馈', 'Campaign feedback exported'],
  'campaigns.remove': ['删除营销名单', 'Campaign list removed'],
  'benefits.overrideUse': ['越权登记权益使用', 'Benefit use recorded by override'],
  'benefits.recordUse': ['登记权益使用', 'Benefit use recorded'],
  'benefits.removeCatalogue': ['删除权益目录', 'Benefit catalogue removed'],
  'benefits.saveCatalogue': ['修改权益目录', 'Benefit catalogue changed'],
  'households.create': ['建立家庭', 'Household started'],
  'households.addMember': ['加入家庭成员', 'Household member added'],
  'households.leave': ['家庭成员移出', 'Household member left'],
  'branch.clearDemo': ['清除演示数据', 'Demo data cleared'],
  'branch.create': ['建立本支行', 'Branch created'],
  'branch.saveProfile': ['修改支行信息', 'Branch profile changed'],
  'complaints.register': ['登记投诉', 'Complaint registered'],
  'complaints.transition': ['投诉流转', 'Complaint moved on'],
  'complaints.extend': ['投诉延期', 'Complaint deadline extended'],
  'complaints.pause': ['投诉暂停计时', 'Complaint clock paused'],
  'complaints.resume': ['投诉恢复计时', 'Complaint clock resumed'],
  'complaints.review': ['投诉复核', 'Complaint reviewed'],
  'dataDir.move': ['移动数据目录', 'Data directory moved'],
  'dataDir.removeOld': ['删除旧数据目录', 'Old data directory removed'],
  'customers.reveal': ['查看完整个人信息', 'Personal data revealed'],
  'dimensions.saveSettings': ['修改群体维度设置', 'Dimension settings changed'],
  'events.invite': ['邀请客户参加活动', 'Customers invited to an event'],
  'events.save': ['保存客户活动', 'Event saved'],
  'exports.report': ['导出报表', 'Report exported'],
  'imports.commit': ['导入数据', 'Data imported'],
  'imports.undo': ['撤销导入', 'Import undone'],
  'plans.add': ['加入维护计划', 'Added to a plan'],
  'plans.remove': ['移出维护计划', 'Removed from a plan'],
  'rules.exportPackage': ['导出规则包', 'Rule package exported'],
  'rules.importPackage': ['应用规则包', 'Rule package applied'],
  'retention.createAction': ['建立保级行动', 'Retention action created'],
  'suitability.recordAssessment': ['登记风险评估', 'Risk assessment recorded'],
  'contacts.ownRequestProposal': ['客户主动要求的产品推荐', "Product proposed at the customer's own request"],
  'suitability.saveSettings': ['修改适当性设置', 'Suitability setting changed'],
  'loyalty.saveRules': ['修改积分规则', 'Points rules changed'],
  'loyalty.saveGift': ['修改积分礼品', 'Points gift changed'],
  'loyalty.redeem': ['积分兑换礼品', 'Gift redeemed with points'],
  'loyalty.bonus': ['奖励积分', 'Bonus points given'],
  'loyalty.adjust': ['调整积分', 'Points adjusted'],
  'retention.setOutcome': ['记录保级行动结果', 'Retention outcome recorded'],
  'staff.save': ['保存员工账号', 'Staff account saved'],
  'staff.unlock': ['解锁员工账号', 'Staff account unlocked'],
  'surveys.recordResponse': ['录入满意度答卷', 'Survey answer recorded'],
  'surveys.saveTemplate': ['保存问卷模板', 'Survey template saved'],
  'tiers.removeOverride': ['取消层级调整', 'Tier override removed'],
  'tiers.saveOverride': ['调整客户层级', 'Tier override saved'],
  'tiers.saveRules': ['修改分层规则', 'Tier rules changed'],
  'warnings.saveSettings': ['修改预警设置', 'Warning settings changed'],
  'workbench.saveStandards': ['修改联系标准', 'Contact standards changed'],
};

const DETAIL_NAMES: Readonly<Record<string, Words>> = {
  active: ['启用', 'active'],
  added: ['新增', 'added'],
  appVersion: ['版本', 'app version'],
  assetRows: ['资产行数', 'asset rows'],
  backup: ['备份', 'backup'],
  backupCode: ['AB角', 'backup manager'],
  absenceId: ['休假编号', 'time away'],
  channel: ['操作', 'operation'],
  transitionDays: ['过渡期天数', 'transition days'],
  batchId: ['批次', 'batch'],
  benefit: ['权益', 'benefit'],
  catalogue: ['权益目录', 'benefit catalogue'],
  count: ['次数', 'count'],
  refusal: ['拒绝原因', 'refused because'],
  branchCode: ['机构号', 'branch code'],
  brokenAt: ['断链位置', 'broken at'],
  bytes: ['字节', 'bytes'],
  campaignId: ['营销活动', 'campaign'],
  changes: ['变更', 'changes'],
  checksum: ['校验值', 'checksum'],
  code: ['工号', 'staff code'],
  complaintNo: ['投诉编号', 'complaint no.'],
  createdAt: ['生成时间', 'created at'],
  customerNo: ['客户号', 'customer no.'],
  customers: ['客户数', 'customers'],
  damagedKeptAs: ['损坏文件保留为', 'damaged file kept as'],
  date: ['日期', 'date'],
  days: ['天数', 'days'],
  dir: ['目录', 'folder'],
  due: ['到期日', 'due'],
  effectiveDate: ['生效日', 'effective date'],
  effectiveFrom: ['生效月份', 'effective from'],
  entries: ['条目', 'entries'],
  expiresAt: ['到期时间', 'expires at'],
  failures: ['失败次数', 'failures'],
  field: ['字段', 'field'],
  file: ['文件', 'file'],
  fileName: ['文件', 'file'],
  files: ['文件数', 'files'],
  filter: ['筛选', 'filter'],
  followUp: ['回访', 'follow-up'],
  followUps: ['回访行动', 'follow-ups'],
  format: ['格式', 'format'],
  gift: ['礼品', 'gift'],
  event: ['奖励事由', 'bonus event'],
  from: ['从', 'from'],
  full: ['完整个人信息', 'full personal data'],
  handoverId: ['交接编号', 'handover'],
  holdoutShare: ['对照组比例', 'hold-out share'],
  headOffice: ['总行', 'head office'],
  headNo: ['户主客户号', 'head'],
  household: ['家庭编号', 'household'],
  holdingRows: ['持有行数', 'holding rows'],
  productRows: ['产品数', 'products'],
  items: ['条目数', 'items'],
  kind: ['类型', 'kind'],
  lockedUntil: ['锁定至', 'locked until'],
  lockouts: ['锁定次数', 'lockouts'],
  members: ['名单人数', 'members'],
  month: ['月份', 'month'],
  months: ['月份', 'months'],
  name: ['名称', 'name'],
  newCustomers: ['新客户', 'new customers'],
  newStaff: ['新员工', 'new staff'],
  note: ['备注', 'note'],
  onBehalfOf: ['代办客户经理', 'on behalf of'],
  outcome: ['结果', 'outcome'],
  owner: ['负责人', 'owner'],
  points: ['积分', 'points'],
  previous: ['原值', 'previous'],
  quantity: ['数量', 'quantity'],
  accrued: ['计提', 'accrued'],
  previousSavedAs: ['原文件保留为', 'previous file kept as'],
  questions: ['题目数', 'questions'],
  reason: ['原因', 'reason'],
  removed: ['移除', 'removed'],
  role: ['角色', 'role'],
  rows: ['行数', 'rows'],
  secretSet: ['已设密码', 'secret set'],
  sections: ['设置项', 'sections'],
  segment: ['客群', 'segment'],
  segmentId: ['客群编号', 'segment id'],
  seed: ['随机种子', 'seed'],
  sha256: ['文件校验值', 'file checksum'],
  status: ['状态', 'status'],
  signedOut: ['退出会话数', 'sessions signed out'],
  source: ['来源', 'source'],
  surveyRows: ['答卷数', 'answers'],
  benefitUseRows: ['权益使用行数', 'benefit uses'],
  householdRows: ['家庭成员行数', 'household members'],
  tail: ['日志末尾', 'log end'],
  template: ['模板', 'template'],
  tierCode: ['层级', 'tier'],
  title: ['标题', 'title'],
  to: ['至', 'to'],
  until: ['至', 'until'],
  updatedCustomers: ['更新客户', 'updated customers'],
  week: ['周', 'week'],
};

const english = (language: string) => language.startsWith('en');

/** An action's name in the language (`zh…` or `en…`); the internal name when it has none. */
export function auditActionName(action: string, language: string): string {
  const words = AUDIT_ACTION_NAMES[action];
  return words ? words[english(language) ? 1 : 0] : action;
}

function valueText(key: string, value: unknown, language: string): string {
  const en = english(language);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return en ? (value ? 'yes' : 'no') : value ? '是' : '否';
  if (key === 'kind' && typeof value === 'string' && !en && value in IMPORT_KIND_NAMES)
    return IMPORT_KIND_NAMES[value as keyof typeof IMPORT_KIND_NAMES];
  if (key === 'role' && typeof value === 'string' && value in ROLE_NAMES)
    return (en ? ROLE_NAMES_EN : ROLE_NAMES)[value as StaffRole];
  if ((key === 'sha256' || key === 'checksum') && typeof value === 'string') return `${value.slice(0, 12)}…`;
  if (Array.isArray(value))
    return value.length === 0 ? '—' : value.map((v) => valueText('', v, language)).join(en ? ', ' : '、');
  if (typeof value === 'object') return detailPairs(value as Record<string, unknown>, language).join(en ? ', ' : '，');
  return String(value);
}

function detailPairs(detail: Record<string, unknown>, language: string): string[] {
  return Object.entries(detail).map(([key, value]) => {
    const words = DETAIL_NAMES[key];
    const label = words ? words[english(language) ? 1 : 0] : key;
    return `${label}${english(language) ? ': ' : '：'}${valueText(key, value, language)}`;
  });
}

/** An entry's details (the JSON the log keeps) as labelled values; the text as written when it is not an object. */
export function auditDetailText(detail: string | null, language: string): string {
  if (detail === null || detail === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  return detailPairs(parsed as Record<string, unknown>, language).join(english(language) ? '; ' : '；');
}
