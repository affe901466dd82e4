import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
const src = process.argv[2];
const copy = '/tmp/prof/s2.db';
const t = () => performance.now();
function fresh() {
  for (const x of ['', '-wal', '-shm']) rmSync(copy + x, { force: true });
  copyFileSync(src, copy);
  const db = new BetterSqlite3(copy);
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); db.pragma('foreign_keys = ON'); db.pragma('temp_store = MEMORY');
  return db;
}
const N = 200000;
const nos: Array<[number, string]> = [];
{ const db = fresh(); for (const r of db.prepare('SELECT id, customer_no FROM customers ORDER BY id LIMIT ?').raw().all(N)) nos.push(r as [number, string]); db.close(); }
for (const variant of ['plain', 'cache', 'aumorder', 'cache+aumorder', 'nofk', 'plain', 'cache', 'aumorder', 'cache+aumorder', 'nofk']) {
    const db = fresh(); if (variant.includes('cache')) db.pragma('cache_size = -65536'); if (variant === 'nofk') db.pragma('foreign_keys = OFF');
    db.exec('CREATE TEMP TABLE st (customer_no TEXT NOT NULL, month TEXT, a INTEGER, b INTEGER, c INTEGER, d INTEGER, e INTEGER, f INTEGER, g INTEGER, h INTEGER, i INTEGER)');
    const st = db.prepare('INSERT INTO temp.st VALUES (?,?,?,?,?,?,?,?,?,?,?)');
    for (let k = 0; k < N; k += 20000) db.transaction(() => { for (let i = k; i < k + 20000; i++) { const d = 10000 + ((i * 7919) % 3000000); st.run(nos[i][1], '2026-11', d + (i * 31) % 500000, d, Math.floor(d / 3), 1000, 2000, 3000, null, null, null); } })();
    const s = t();
    const order = variant.includes('aumorder') ? ' ORDER BY s.a' : '';
    const n = db.transaction(() => db.prepare('INSERT INTO monthly_assets SELECT c.id, s.month, s.a, s.b, s.c, s.d, s.e, s.f, s.g, s.h, s.i FROM temp.st s JOIN customers c ON c.customer_no = s.customer_no' + order).run().changes)();
    console.log(variant.padEnd(16), 'insert', (t() - s).toFixed(0), n); db.close();
}
