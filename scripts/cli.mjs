// `npm run cli -- …`: the command line as built JavaScript (no TypeScript compiler at run time), built first when
// missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const BUILT = 'dist/node/cli.js';
const SOURCES = ['electron', 'shared', 'migrations', 'package-lock.json', 'vite.node.config.ts'];

function newestChange(entry) {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

const built = statSync(BUILT, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built < Math.max(...SOURCES.map(newestChange))) {
  console.error('正在构建命令行… / Building the command line…');
  // The Node side's two builds (the second, the preload, goes beside what the first empties the folder for).
  for (const mode of [[], ['--mode', 'preload']]) {
    const build = spawnSync('npx', ['vite', 'build', '-c', 'vite.node.config.ts', '--logLevel', 'error', ...mode], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}
const run = spawnSync(process.execPath, [BUILT, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
