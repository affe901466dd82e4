import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MonthSchema } from '../../../shared/schemas/common';
import { JOB_PHASE_NAMES } from '../../../shared/schemas/jobs';
import { lastFullMonth } from '../app-core';
import { openStore } from '../platform/connection';
import { DEFAULT_DEMO_SEED, loadDemoBranch } from './demo';

/** `npm run demo -- --customers 200000 --months 24 --out FILE [--seed N] [--end-month YYYY-MM]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '20000' },
      months: { type: 'string', default: '24' },
      out: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      'end-month': { type: 'string' },
    },
  });
  const customers = Number(values.customers);
  const months = Number(values.months);
  const seed = Number(values.seed);
  const endMonth = values['end-month'] ?? lastFullMonth();
  if (!values.out) throw new Error('请用 --out 指定输出文件 / --out FILE is required');
  if (!Number.isInteger(customers) || customers < 1)
    throw new Error(`--customers 应为正整数 / must be a positive integer: ${values.customers}`);
  if (!Number.isInteger(months) || months < 1 || months > 120)
    throw new Error(`--months 应为 1–120 / must be 1–120: ${values.months}`);
  if (!MonthSchema.safeParse(endMonth).success)
    throw new Error(`--end-month 应为 YYYY-MM / must be YYYY-MM: ${endMonth}`);
  const out = path.resolve(values.out);
  if (existsSync(out)) throw new Error(`文件已存在，未覆盖 / File exists, not overwritten: ${out}`);

  const started = Date.now();
  const store = openStore(out);
  try {
    const summary = await loadDemoBranch(store, { customers, months, endMonth, seed }, new Date().toISOString(), {
      report: (phase, done, total) => process.stdout.write(`\r${JOB_PHASE_NAMES[phase]} ${done}/${total}   `),
    });
    process.stdout.write('\n');
    console.log(
      `${out}: ${summary.customers} customers, ${summary.assetRows} monthly rows, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
