import { app, dialog } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';
import { openCore, type Core } from '../core/app-core';
import { chooseExportTarget, pickSpreadsheets } from './files';
import { osKeyStore } from './keys';
import { dataDirAtStart, desktopDataLocation } from './location';
import { forwardJobEvents, registerIpcHandlers } from './ipc';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { installSecurityPolicy } from './security';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
let core: Core | null = null;

registerAppScheme();

async function start(): Promise<void> {
  installSecurityPolicy();
  const userData = app.getPath('userData');
  try {
    const dataDir = dataDirAtStart(userData);
    core = await openCore({ dataDir, keys: osKeyStore(dataDir) });
  } catch (error) {
    const message = error instanceof AppError ? `${error.message}\n\n${error.messageEn}` : String(error);
    dialog.showErrorBox('客户分层工作台无法启动 / Tierdesk cannot start', message);
    app.exit(1);
    return;
  }
  const opened = core;
  handleAppProtocol(path.join(here, '../renderer'));
  // One window, one session.
  registerIpcHandlers((channel, input) => opened.dispatch('desktop', channel, input));
  const window = await createMainWindow(path.join(here, 'preload.cjs'));
  const jobs = core.ctx.jobs;
  const unsubscribe = forwardJobEvents(
    (listener) => jobs.subscribe(listener, () => opened.signedInOn('desktop')?.code ?? null),
    window.webContents,
  );
  window.on('closed', unsubscribe);
  core.ctx.pickFiles = () => pickSpreadsheets(window);
  core.ctx.chooseSaveTarget = (fileName) => chooseExportTarget(window, fileName);
  core.ctx.dataLocation = desktopDataLocation(userData, window);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start, (error: unknown) => console.error(error));
  app.on('window-all-closed', () => {
    void core?.close().finally(() => app.quit());
  });
}
