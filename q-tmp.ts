import { openStore } from './electron/core/platform/connection';
import { createContext } from './electron/core/platform/context';
import { searchCustomers } from './electron/core/customers/customer-search';
import { WHOLE_BRANCH } from './electron/core/trust/access-scope';
const store = openStore('bench/.cache/demo-200000x24-2026-11/tierdesk.db');
const ctx = createContext(store);
const c = store.sqlite.prepare('SELECT customer_no AS no, name, name_pinyin AS pinyin, name_initials AS initials, mobile_last4 AS last4 FROM customers WHERE id = 20007').get() as any;
const qs = [c.initials, c.pinyin.slice(0,6), c.initials[0], c.name, [...c.name].slice(1).join(''), [...c.name][0], c.no.slice(0,8), c.last4, '晓明', '明', 'zz', 'zhangxiaoming'];
for (const q of qs) {
  for (const masks of [false, true]) {
  searchCustomers(ctx, { text: q }, { ...WHOLE_BRANCH, masksNames: masks });
  const t = performance.now();
  let r; for (let i = 0; i < 5; i++) r = searchCustomers(ctx, { text: q }, { ...WHOLE_BRANCH, masksNames: masks });
  console.log(JSON.stringify(q), masks ? 'masked' : '', ((performance.now() - t) / 5).toFixed(2), 'ms', r!.hits.length);
  }
}
for (const sql of ["SELECT c.id FROM customers c WHERE instr(c.name, '晓明') > 1 ORDER BY c.name, c.id LIMIT 20", "SELECT c.id FROM customers c WHERE c.name_initials >= 'z' AND c.name_initials < '{' ORDER BY c.name_initials, c.id LIMIT 20"])
  console.log(store.sqlite.prepare('EXPLAIN QUERY PLAN ' + sql).all().map((r: any) => r.detail));
await store.close();
