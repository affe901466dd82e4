import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, type TierdeskBridge } from '../../shared/bridge';
import { isChannel } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';

/** Only contract channels pass; anything else is answered here without reaching main. */
export const bridge: TierdeskBridge = {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `未知的调用：${channel}`, messageEn: `Unknown channel: ${channel}` },
      });
    }
    return ipcRenderer.invoke(IPC_PREFIX + channel, input) as Promise<Envelope<unknown>>;
  },
};

contextBridge.exposeInMainWorld('tierdesk', bridge);
