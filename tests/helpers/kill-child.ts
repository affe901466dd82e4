import { spawn } from 'node:child_process';

/**
 * Runs a TypeScript helper in a child process and kills it with SIGKILL `delayMs` after it prints `marker` (the crash
 * tests): 'finished' if it got to print DONE (or exited) first, else 'killed'.
 */
export function runAndKill(
  script: string,
  args: string[],
  marker: string,
  delayMs: number,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(marker) && !output.includes('KILL')) {
        output += 'KILL';
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(output.includes('DONE') ? 'finished' : 'killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`child failed (${code}): ${errors.slice(0, 500)}`));
    });
  });
}
