import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import { defaultDataDir, openCore } from '../core/app-core';
import { startBrowserServer } from './server';
import { allows } from '../../shared/access';
import { MAX_UPLOAD_BYTES } from '../core/platform/uploads';

/** `npm run serve [-- --port N --data-dir DIR --demo-customers N]`: the app in a browser on this machine. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'demo-customers': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port 应为 0–65535 的整数 / --port must be 0–65535: ${values.port}`);
  const demoCustomers = values['demo-customers'] === undefined ? undefined : Number(values['demo-customers']);

  const core = await openCore({ dataDir, demoCustomers });
  const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
  const jobs = core.ctx.jobs;
  const server = await startBrowserServer({
    dispatch: core.dispatch,
    subscribeJobs: (caller, listener) => jobs.subscribe(listener, () => core.signedInOn(caller)?.code ?? null),
    // Only whoever may import holds files here (a file is picked for an import, and nothing else).
    mayUpload: (caller) => allows(core.signedInOn(caller)?.role ?? null, 'files.pick'),
    acceptUpload: (name, bytes) => core.ctx.uploads.put(name, bytes),
    download: (caller, token) => core.ctx.downloads.take(token, core.signedInOn(caller)?.code ?? null),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    rendererDir,
    port,
  });
  console.log(`数据目录 / Data: ${dataDir}`);
  console.log(`请在浏览器中打开 / Open in your browser: ${server.url}`);

  const stop = () => {
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof AppError) console.error(`${error.message}\n${error.messageEn}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
