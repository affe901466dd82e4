import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the parts of Electron the shell touches; the real binary never runs in tests. */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  return {
    handlers,
    exposed: {} as Record<string, unknown>,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn)),
    },
    ipcRenderer: {
      invoke: vi.fn(async () => ({ ok: true, value: 'from main' })),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    app: { on: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    // A reversible stand-in for the OS's protection: what reaches the disk must not be the key.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a))),
      decryptString: vi.fn((wrapped: Buffer) => Buffer.from([...wrapped].map((b) => b ^ 0x5a)).toString()),
    },
    BrowserWindow: vi.fn(),
  };
});
vi.mock('electron', () => electron);

import { IPC_PREFIX, JOB_EVENT_CHANNEL } from '../../shared/bridge';
import { CHANNELS } from '../../shared/contract';
import { forwardJobEvents, isTrustedSender, registerIpcHandlers } from './ipc';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { denyAllPermissions, lockDownWebContents } from './security';
import { mainWindowOptions } from './window';
import { chooseExportTarget, pickSpreadsheets } from './files';
import { osKeyStore } from './keys';
import { dataDirAtStart, desktopDataLocation, LOCATION_FILE_NAME } from './location';
import { readFileSync, statSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

beforeEach(() => {
  vi.clearAllMocks();
  electron.handlers.clear();
});

function senderEvent(url: string, parent: object | null = null) {
  return { senderFrame: { url, parent } } as never;
}

describe('main window', () => {
  it('is isolated and sandboxed with no Node in the renderer', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});

describe('preload', () => {
  it('exposes one invoke that passes contract channels only', async () => {
    const { bridge } = await import('../preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('tierdesk', bridge);
    expect(Object.keys(bridge)).toEqual(['invoke', 'onJobEvent']);

    await expect(bridge.invoke('customers.page', { a: 1 })).resolves.toEqual({ ok: true, value: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(`${IPC_PREFIX}customers.page`, { a: 1 });

    electron.ipcRenderer.invoke.mockClear();
    await expect(bridge.invoke('fs.readFile', '/etc/passwd')).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });
});

describe('job events', () => {
  it('reach the renderer as the event alone, and stop on unsubscribe', async () => {
    const { bridge } = await import('../preload/index');
    const received: unknown[] = [];
    const unsubscribe = bridge.onJobEvent((event) => received.push(event));
    const [channel, handler] = electron.ipcRenderer.on.mock.calls[0] as unknown as [
      string,
      (e: unknown, job: unknown) => void,
    ];
    expect(channel).toBe(JOB_EVENT_CHANNEL);
    handler({ sender: 'ipcRenderer internals' }, { jobId: 'j1', state: 'running' });
    expect(received).toEqual([{ jobId: 'j1', state: 'running' }]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(JOB_EVENT_CHANNEL, handler);
  });

  it('are forwarded from main to a live window only', () => {
    let listener: (event: never) => void = () => undefined;
    const unsubscribe = vi.fn();
    const webContents = { isDestroyed: vi.fn(() => false), send: vi.fn() };
    expect(forwardJobEvents((l) => ((listener = l), unsubscribe), webContents as never)).toBe(unsubscribe);
    listener({ jobId: 'j1' } as never);
    expect(webContents.send).toHaveBeenCalledWith(JOB_EVENT_CHANNEL, { jobId: 'j1' });
    webContents.isDestroyed.mockReturnValue(true);
    listener({ jobId: 'j2' } as never);
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('IPC handlers', () => {
  it('registers exactly the contract channels', () => {
    registerIpcHandlers(vi.fn());
    expect([...electron.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort());
  });

  it('dispatches calls from our top-level app:// frame', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }));
    registerIpcHandlers(dispatch);
    const handler = electron.handlers.get(`${IPC_PREFIX}app.info`);
    await expect(handler?.(senderEvent('app://tierdesk/index.html'), {})).resolves.toEqual({ ok: true, value: 1 });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it.each([
    ['a foreign page', senderEvent('https://evil.example/')],
    ['a file:// page', senderEvent('file:///tmp/x.html')],
    ['a sub-frame of ours', senderEvent('app://tierdesk/index.html', {})],
    ['another app:// host', senderEvent('app://other/index.html')],
  ])('refuses %s without dispatching', async (_label, event) => {
    const dispatch = vi.fn();
    registerIpcHandlers(dispatch);
    const handler = electron.handlers.get(`${IPC_PREFIX}app.info`);
    await expect(Promise.resolve(handler?.(event, {}))).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    expect(isTrustedSender(event)).toBe(false);
  });
});

describe('web contents lock-down', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    return {
      listeners,
      open: (url: string) => openHandler?.({ url }),
      contents: {
        on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => {
          openHandler = fn;
        },
      },
    };
  }

  it('blocks navigation away from app://, new windows and webviews', () => {
    const fake = fakeContents();
    lockDownWebContents(fake.contents as never);
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      fake.listeners.get('will-navigate')?.(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://tierdesk/index.html#/customers')).toBe(false);
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    fake.listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    denyAllPermissions();
    const requestHandler = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0][0] as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    const callback = vi.fn();
    requestHandler({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    const checkHandler = electron.session.defaultSession.setPermissionCheckHandler.mock.calls[0][0] as () => boolean;
    expect(checkHandler()).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('is registered as a standard secure scheme and serves the renderer with the CSP', async () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);

    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/tierdesk-app-`);
    writeFileSync(`${dir}/index.html`, '<meta content="__CSP_NONCE__">');
    handleAppProtocol(dir);
    const serve = electron.protocol.handle.mock.calls[0][1] as (request: { url: string }) => Promise<Response>;
    const page = await serve({ url: 'app://tierdesk/index.html' });
    expect(page.headers.get('Content-Security-Policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).not.toContain('__CSP_NONCE__');
    expect((await serve({ url: 'app://elsewhere/index.html' })).status).toBe(403);
  });
});

describe('choosing the files to import', () => {
  it('reads the chosen files and gives them back with their names only; a cancelled dialog gives none', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-pick-'));
    const file = path.join(dir, '3月月报.csv');
    const master = path.join(dir, '客户信息.csv');
    writeFileSync(file, '客户号,月日均（元）');
    writeFileSync(master, '客户号,客户名称');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file, master] });
    await expect(pickSpreadsheets({} as never)).resolves.toEqual([
      { name: '3月月报.csv', bytes: Buffer.from('客户号,月日均（元）') },
      { name: '客户信息.csv', bytes: Buffer.from('客户号,客户名称') },
    ]);
    expect(electron.dialog.showOpenDialog.mock.calls.at(-1)?.[1]).toMatchObject({
      properties: ['openFile', 'multiSelections'],
    });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(pickSpreadsheets({} as never)).resolves.toEqual([]);
  });
});

describe('saving an export', () => {
  it('offers the export under its name with its type, and gives the chosen path or null when cancelled', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: '/home/u/客户明细-2024-03.xlsx',
    });
    await expect(chooseExportTarget({} as never, '客户明细-2024-03.xlsx')).resolves.toBe(
      '/home/u/客户明细-2024-03.xlsx',
    );
    expect(electron.dialog.showSaveDialog).toHaveBeenLastCalledWith(
      {},
      expect.objectContaining({
        defaultPath: '客户明细-2024-03.xlsx',
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      }),
    );
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(chooseExportTarget({} as never, '客户列表-2024-03.csv')).resolves.toBeNull();
  });
});

describe('the database key', () => {
  it('is kept wrapped by the OS, never in the clear', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-key-'));
    const keys = osKeyStore(dir);
    expect(keys.load()).toBeNull();
    keys.save('ab'.repeat(32));
    expect(keys.where).toBe(path.join(dir, 'tierdesk.key.enc'));
    expect(readFileSync(keys.where).toString()).not.toContain('ab'.repeat(32));
    expect(osKeyStore(dir).load()).toBe('ab'.repeat(32));
    expect(electron.safeStorage.encryptString).toHaveBeenCalledWith('ab'.repeat(32));
  });

  it('falls back to an owner-only key file where the OS offers no protection', () => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValueOnce(false);
    const dir = mkdtempSync(path.join(tmpdir(), 'tierdesk-key-'));
    const keys = osKeyStore(dir);
    keys.save('cd'.repeat(32));
    expect(keys.where).toBe(path.join(dir, 'tierdesk.key'));
    expect(statSync(keys.where).mode & 0o777).toBe(0o600);
  });
});

describe('the data directory', () => {
  it('is the app folder until a move names another in location.json, read at start with the one kept from before', async () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'tierdesk-userdata-'));
    const moved = mkdtempSync(path.join(tmpdir(), 'tierdesk-moved-'));
    expect(dataDirAtStart(userData)).toBe(userData);
    const location = desktopDataLocation(userData, {} as never);
    expect(location.previous()).toBeNull();

    location.remember(moved, userData);
    expect(JSON.parse(readFileSync(path.join(userData, LOCATION_FILE_NAME), 'utf8'))).toEqual({
      dataDir: moved,
      previous: userData,
    });
    expect(dataDirAtStart(userData)).toBe(moved);
    expect(desktopDataLocation(userData, {} as never).previous()).toBe(userData);
    location.remember(moved, null);
    expect(location.previous()).toBeNull();
    expect(dataDirAtStart(userData)).toBe(moved);
  });

  it('refuses to start on a named directory that is not there, or a location file it cannot read', () => {
    const userData = mkdtempSync(path.join(tmpdir(), 'tierdesk-userdata-'));
    const gone = path.join(tmpdir(), 'tierdesk-unplugged-usb-disk');
    desktopDataLocation(userData, {} as never).remember(gone, null);
    expect(() => dataDirAtStart(userData)).toThrow(/找不到数据目录 .*tierdesk-unplugged-usb-disk/);
    writeFileSync(path.join(userData, LOCATION_FILE_NAME), '{"dataDir": ');
    expect(() => dataDirAtStart(userData)).toThrow(/location\.json 无法读取.*删除它以使用默认位置/);
    writeFileSync(path.join(userData, LOCATION_FILE_NAME), '{"dataDir": "relative/dir"}');
    expect(() => dataDirAtStart(userData)).toThrow(/无法读取/);
  });

  it('is chosen in the system folder dialog, which may create the folder; cancelled gives null', async () => {
    const location = desktopDataLocation(mkdtempSync(path.join(tmpdir(), 'tierdesk-userdata-')), {} as never);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/u/新数据目录'] });
    await expect(location.chooseFolder()).resolves.toBe('/media/u/新数据目录');
    expect(electron.dialog.showOpenDialog).toHaveBeenLastCalledWith(
      {},
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(location.chooseFolder()).resolves.toBeNull();
  });
});
