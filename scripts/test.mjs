// `npm test`: typecheck, lint, format, dependency rules, unit and integration tests (vitest), build, end-to-end tests (Playwright),
// then one summary line for both runners: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

function run(label, command, args) {
  console.log(`\n── ${label} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('reports', { recursive: true });
rmSync('reports/vitest.json', { force: true });
rmSync('reports/playwright.json', { force: true });

if (!run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])) process.exit(1);
if (!run('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])) process.exit(1);
if (!run('format (Prettier)', 'npx', ['prettier', '--check', '--log-level', 'warn', '.'])) process.exit(1);
if (!run('dependencies (no cycles, layers)', 'npm', ['run', '-s', 'deps'])) process.exit(1);
const unitOk = run('unit and integration tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=reports/vitest.json',
]);
const buildOk = run('build', 'npm', ['run', 'build']);
const e2eOk = buildOk && run('end-to-end tests (Playwright, Debian Chromium)', 'npx', ['playwright', 'test']);

const vitest = readJson('reports/vitest.json');
const playwright = readJson('reports/playwright.json');
const unitPassed = vitest?.numPassedTests ?? 0;
const unitFailed = vitest ? vitest.numFailedTests : 1;
const e2ePassed = playwright?.stats?.expected ?? 0;
const e2eFailed = playwright ? playwright.stats.unexpected + playwright.stats.flaky : 1;
console.log(
  `\nvitest: ${unitPassed} passed, ${unitFailed} failed; playwright: ${e2ePassed} passed, ${e2eFailed} failed`,
);
console.log(`tests: ${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed`);
process.exit(unitOk && buildOk && e2eOk ? 0 : 1);
