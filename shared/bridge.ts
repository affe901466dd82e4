import type { Envelope } from './errors';

/** What the Electron preload exposes as `window.tierdesk`: contract channels only. */
export interface TierdeskBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
}

/** Prefix of the ipcMain channel names, one per contract channel. */
export const IPC_PREFIX = 'tierdesk:';
