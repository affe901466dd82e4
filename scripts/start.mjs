// `npm start`: the desktop app when the Electron binary is installed, else browser mode in the default browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron binary if it was downloaded (electron >= 45 does not fetch it on install). */
function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Opens the URL in the default browser; says so, with the URL, when no browser could be opened. */
function openInBrowser(url) {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  let said = false;
  const failed = () => {
    if (said) return;
    said = true;
    console.log(
      `无法自动打开浏览器，请在浏览器中打开：${url}\nCould not open a browser; open this link yourself: ${url}`,
    );
  };
  const opener = spawn(command, args, { stdio: 'ignore', detached: true });
  // No opener at all, or one that found no browser (xdg-open exits non-zero).
  opener.on('error', failed);
  opener.on('exit', (code) => code !== 0 && code !== null && failed());
  opener.unref();
}

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    '未安装 Electron 程序文件，改用浏览器模式。 / Electron binary not installed: starting browser mode instead.',
  );
  const server = spawn(process.execPath, ['dist/node/server.js', ...process.argv.slice(2)], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let opened = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(chunk.toString());
    if (match && !opened) {
      opened = true;
      openInBrowser(match[0]);
    }
  });
  server.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
}
