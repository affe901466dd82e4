import { formatThreshold, formatWan } from '../../../shared/format';
import { addMonths } from '../../../shared/month';
import type { TierReason } from '../../../shared/schemas/tiers';

/**
 * The plain Chinese explanation of a month's tier, built from its structured reasons, e.g.
 * "2024-03 月日均 482.10万 < 私人银行客户 600万；连续 2 个月低于门槛（宽限 6 个月）；2024-04 月日均需 ≥ 600万 才能保级，差 117.90万".
 */
/** Thresholds are round in words: `600万`, never `600.00万` (docs/domain.md, "Money on screen"). */
const threshold = (fen: number) => formatThreshold(fen, 'wan', 'zh');

export function explainTierMonth(reasons: readonly TierReason[], tierName: (code: string) => string): string {
  const parts: string[] = [];
  let valueText = '';
  let valueMonth: string | null = null;
  let basisLabel = '月日均';
  for (const reason of reasons) {
    switch (reason.kind) {
      case 'value':
        basisLabel = reason.basis === 'avg' ? '月日均' : '月末时点余额';
        valueMonth = reason.month;
        valueText = `${reason.month} ${basisLabel} ${formatWan(reason.valueFen)}`;
        break;
      case 'missing':
        parts.push(`${reason.month} 无资产数据，层级沿用上月（数据缺失）`);
        break;
      case 'nodata':
        parts.push(
          `${reason.month} 无资产数据，已连续 ${reason.monthsMissing} 个月（最多沿用 ${reason.kept} 个月），不计入任何层级（无数据）`,
        );
        break;
      case 'closed':
        parts.push(`${reason.closedMonth} 已销户，不计入任何层级`);
        break;
      case 'returned':
        parts.push(`${reason.month} 恢复数据，重新评定`);
        break;
      case 'first':
        if (reason.opened) parts.push('新开户客户');
        break;
      case 'reached':
        parts.push(`${valueText} ≥ ${tierName(reason.tierCode)} 门槛 ${threshold(reason.thresholdFen)}`);
        break;
      case 'household':
        parts.push(
          `${valueText} < ${tierName(reason.tierCode)} ${threshold(reason.thresholdFen)}，家庭${basisLabel} ${formatWan(reason.householdFen)} ≥ ${threshold(reason.thresholdFen)}，${reason.headName ? `经户主 ${reason.headName} ` : ''}合并达标`,
        );
        break;
      case 'upgraded':
        parts.push(`由${tierName(reason.fromCode)}升为${tierName(reason.toCode)}`);
        break;
      case 'below':
        parts.push(`${valueText} < ${tierName(reason.tierCode)} ${threshold(reason.thresholdFen)}`);
        parts.push(`连续 ${reason.monthsBelow} 个月低于门槛（宽限 ${reason.graceMonths} 个月）`);
        break;
      case 'downgraded':
        parts.push(
          `降为${tierName(reason.toCode)}${reason.bestMonth ? `（按低于门槛期间最好的 ${reason.bestMonth} 评定）` : ''}`,
        );
        break;
      case 'hold': {
        const when = valueMonth ? `${addMonths(valueMonth, 1)} ` : '下月';
        parts.push(
          `${when}${basisLabel}需 ≥ ${threshold(reason.thresholdFen)} 才能保级，差 ${formatWan(reason.gapFen)}`,
        );
        break;
      }
      case 'next':
        parts.push(`距${tierName(reason.tierCode)} ${threshold(reason.thresholdFen)} 还差 ${formatWan(reason.gapFen)}`);
        break;
      case 'override':
        parts.push(`人工指定为${tierName(reason.tierCode)}（原因：${reason.reason}；有效至 ${reason.until}）`);
        break;
    }
  }
  return parts.join('；');
}
