import { contextBridge, ipcRenderer } from 'electron';
import { IPC_PREFIX, JOB_EVENT_CHANNEL, type TierdeskBridge } from '../../shared/bridge';
import type { JobEvent } from '../../shared/schemas/jobs';
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
  onJobEvent(listener: (event: JobEvent) => void): () => void {
    // The renderer gets the event only, never the IpcRendererEvent (it would expose ipcRenderer).
    const handler = (_event: unknown, jobEvent: JobEvent) => listener(jobEvent);
    ipcRenderer.on(JOB_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(JOB_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('tierdesk', bridge);
