import { lowScores, type Answer } from '../../surveys/survey-answers';
import { followUpOwner, responseSetting, writeResponse, type ResponseSetting } from '../../surveys/surveys';
import { answeredOn, findTemplateFamilyId, managersOf, updateBatchSummary } from '../imports-repository';
import type { SurveyRecord } from '../import-rows';
import type { ImportKindSpec } from './kind';
import { planRecords, type ImportPlanner } from './planner';

/** What planning a batch of answers needs of its customers. */
interface SurveyCustomers {
  ids: Map<string, number>;
  managers: Map<number, string | null>;
  /** Those who already answered the template's family on a day: `customerId|date`. */
  answered: Set<string> | null;
}

function lookUpCustomers(planner: ImportPlanner, customerNos: string[]): SurveyCustomers {
  const ids = planner.customerIds(customerNos);
  const { template } = planner.plan;
  const answered = template
    ? answeredOn(planner.sqlite, findTemplateFamilyId(planner.sqlite, template.id), [...ids.values()])
    : null;
  return { ids, managers: managersOf(planner.sqlite, [...ids.values()]), answered };
}

/**
 * A survey response: of a known customer, entered by known staff, not already recorded for that day; a low score
 * without anyone to follow it up is a warning.
 */
function planResponse(
  planner: ImportPlanner,
  setting: ResponseSetting,
  record: SurveyRecord,
  { ids, managers, answered }: SurveyCustomers,
): void {
  const { plan } = planner;
  const id = ids.get(record.customerNo);
  if (id === undefined) {
    planner.refuse(
      record,
      `客户号 ${record.customerNo} 不在客户名单中；答卷只能记到已有客户名下`,
      `customer ${record.customerNo} is unknown`,
      record.customerNo,
      planner.where.keyColumn,
    );
  } else if (record.staffCode && !planner.staff.has(record.staffCode)) {
    planner.refuse(
      record,
      `调查人工号 ${record.staffCode} 不在员工名单中`,
      `staff ${record.staffCode} is unknown`,
      record.staffCode,
    );
  } else if (answered?.has(`${id}|${record.surveyDate}`)) {
    planner.refuse(
      record,
      `客户 ${record.customerNo} 在 ${record.surveyDate} 已有这份问卷的答卷，不会重复记录`,
      `customer ${record.customerNo} already answered this survey on ${record.surveyDate}`,
      record.customerNo,
      planner.where.keyColumn,
    );
  } else if (plan.template && lowScores(plan.template.questions, JSON.parse(record.answers) as Answer[]).length > 0) {
    plan.lowScores += 1;
    const followUp = followUpOwner(setting, { id, manager_code: managers.get(id) ?? null }, record.staffCode);
    if (!('problem' in followUp)) plan.followUps += 1;
    else if (followUp.problem === 'noOwner')
      planner.problem(
        record,
        'warning',
        `客户 ${record.customerNo} 评分偏低，但没有客户经理、这一行也没有调查人工号，不会建立回访行动`,
        'a low score without a manager or staff code: no follow-up',
      );
    else
      planner.problem(
        record,
        'warning',
        `客户 ${record.customerNo} 评分偏低，但在 ${setting.latest ?? '最新月份'} 没有分层结果，不会建立回访行动`,
        'a low score for a customer without a tier in the latest month: no follow-up',
      );
  }
}

/**
 * Satisfaction survey answers (满意度答卷) of one template: each response recorded for its customer, with a follow-up
 * action for a low score (docs/domain.md, "Surveys"); undoing the batch removes both.
 */
export const surveys: ImportKindSpec = {
  plan: (ctx, planner) => {
    // Where low scores' follow-ups would go.
    const setting = responseSetting(ctx);
    return planRecords<SurveyRecord, SurveyCustomers>(planner, {
      lookUp: (customerNos) => lookUpCustomers(planner, customerNos),
      plan: (record, customers) => planResponse(planner, setting, record, customers),
    });
  },
  preview: ({ template, lowScores, followUps }, recordCount) => ({
    surveys: template
      ? {
          templateId: template.id,
          templateName: template.name,
          questions: template.questions.map((q) => q.text),
          responses: recordCount,
          lowScores,
          followUps,
        }
      : null,
  }),
  commit: (ctx, { plan, records }) => {
    const setting = responseSetting(ctx);
    const { sqlite } = ctx.store;
    return (batch) => {
      const { template } = plan;
      if (!template) return;
      const managers = managersOf(sqlite, [...plan.ids.values()]);
      for (const r of records as SurveyRecord[]) {
        const customerId = plan.ids.get(r.customerNo) as number;
        const customer = { id: customerId, manager_code: managers.get(customerId) ?? null };
        const entry = {
          template,
          customer,
          date: r.surveyDate,
          channel: r.channel,
          staffCode: r.staffCode,
          answers: JSON.parse(r.answers) as Answer[],
          batchId: batch.id,
        };
        if (writeResponse(ctx, setting, entry).followUpActionId !== null) batch.summary.followUps += 1;
      }
      updateBatchSummary(sqlite, batch.id, JSON.stringify(batch.summary));
    };
  },
  summaryRows: 'surveyRows',
  tiers: null,
};
