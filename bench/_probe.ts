import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/core/platform/connection';
import { createContext } from '../electron/core/platform/context';
import { complaintAnalysis } from '../electron/core/complaints/complaints';
import { customerAttributes } from '../electron/core/segments/segments';
import { addMonths, addDays } from '../shared/month';
const store = openStore('bench/.cache/demo-200000x24-2026-11/tierdesk.db');
const ctx = createContext(store);
const sqlite = store.sqlite;
const month = '2026-11';
const CUSTOMERS = 200000, COMPLAINTS = 50000;
sqlite.exec('BEGIN');
const insert = sqlite.prepare(
  `INSERT INTO complaints (complaint_no, received_at, channel, category, customer_id, description, severity, regulator_referred, complex, status,
     accepted_date, replied_date, satisfied, closed_date, created_at, updated_at)
   VALUES (?, ?, ?, ?, ?, '资金到账延迟', 'medium', ?, ?, ?, ?, ?, ?, ?, '', '')`);
const pause = sqlite.prepare("INSERT INTO complaint_pauses (complaint_id, from_date, to_date, reason) VALUES (?, ?, ?, '鉴定')");
const channels = ['counter', 'phone', 'hotline', 'letter', 'online', 'regulator'];
const categories = ['deposit', 'wealth', 'card', 'loan', 'fee', 'service', 'privacy', 'other'];
const today = ctx.today();
for (let i = 0; i < COMPLAINTS; i++) {
  const received = addDays(today, -((i * 7919) % 720) - 1);
  const open = i % 10 === 0;
  const replied = open ? null : addDays(received, 3 + (i % 25));
  const id = Number(insert.run(`TS${received.slice(0, 4)}${received.slice(5, 7)}${String(i).padStart(6, '0')}`, received, channels[i % 6], categories[i % 8], 1 + ((i * 37) % CUSTOMERS), i % 50 === 0 ? 1 : 0, i % 7 === 0 ? 1 : 0, open ? 'processing' : 'closed', received, replied, open ? null : i % 4 === 0 ? 0 : 1, replied).lastInsertRowid);
  if (i % 25 === 0) pause.run(id, addDays(received, 1), open && i % 50 === 0 ? null : addDays(received, 4));
}
customerAttributes(ctx);
const xs: number[] = [];
for (let i = 0; i < 50; i++) { const s = performance.now(); complaintAnalysis(ctx, { fromMonth: addMonths(month, -11), toMonth: month }); xs.push(performance.now() - s); }
xs.sort((a, b) => a - b);
console.log('analysis p50', xs[25].toFixed(0), 'p95', xs[47].toFixed(0));
sqlite.exec('ROLLBACK');
import { listComplaintAnalysisRows } from '../electron/core/complaints/complaints-repository';
sqlite.exec('BEGIN');
for (let i = 0; i < COMPLAINTS; i++) {
  const received = addDays(today, -((i * 7919) % 720) - 1);
  insert.run(`TS${i}`, received, channels[i % 6], categories[i % 8], 1 + ((i * 37) % CUSTOMERS), 0, 0, 'closed', received, received, 1, received);
}
const ys: number[] = [];
for (let i = 0; i < 30; i++) { const s = performance.now(); listComplaintAnalysisRows(sqlite, "2025-12-01", "2026-12-01"); ys.push(performance.now() - s); }
ys.sort((a, b) => a - b);
console.log('rows p50', ys[15].toFixed(0), 'p95', ys[28].toFixed(0));
const zs: number[] = [];
for (let i = 0; i < 30; i++) { const s = performance.now(); sqlite.prepare('SELECT count(*), sum(length(channel)) FROM complaints WHERE received_at >= ? AND received_at < ?').get('2025-12-01', '2026-12-01'); zs.push(performance.now() - s); }
zs.sort((a, b) => a - b);
console.log('sql only p50', zs[15].toFixed(0), 'p95', zs[28].toFixed(0));
sqlite.exec('ROLLBACK');
