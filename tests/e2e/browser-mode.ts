import { spawn, type ChildProcess } from 'node:child_process';

/** The built browser-mode server on a data directory, and the one URL it printed (with its one-time token). */
export async function startBrowserMode(
  dataDir: string,
  extra: string[] = [],
): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, ['dist/node/server.js', '--data-dir', dataDir, '--port', '0', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 60_000);
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  return { url, server };
}

/** Stops a browser-mode server and waits until it has closed its database. */
export function stopBrowserMode(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
}
