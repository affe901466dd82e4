import { spawn } from 'node:child_process';

/**
 * Runs the command line from source (through tsx) on `dataDir`: exit code and output. Asynchronous, so the test
 * runner's worker keeps answering its runner while a slow command runs (a blocked worker fails the whole run).
 */
export function runCli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', ...args, '--data-dir', dataDir]);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
