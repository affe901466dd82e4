import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_PREFIX, JOB_EVENT_CHANNEL } from '../../shared/bridge';
import type { JobEvent } from '../../shared/schemas/jobs';
import { CHANNELS } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import { isAppUrl } from './security';

type Dispatch = (channel: unknown, input: unknown) => Promise<Envelope<unknown>>;

/** Only our own top-level app:// frame may call main. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: '拒绝访问：调用来源不可信。', messageEn: 'Forbidden: untrusted sender.' },
};

/** Job progress goes to the window's renderer; returns the unsubscribe function. */
export function forwardJobEvents(
  subscribe: (listener: (event: JobEvent) => void) => () => void,
  webContents: WebContents,
): () => void {
  return subscribe((event) => {
    if (!webContents.isDestroyed()) webContents.send(JOB_EVENT_CHANNEL, event);
  });
}

/** One ipcMain handler per contract channel, all going through the shared dispatch table. */
export function registerIpcHandlers(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, input: unknown) =>
      isTrustedSender(event) ? dispatch(channel, input) : FORBIDDEN,
    );
  }
}
