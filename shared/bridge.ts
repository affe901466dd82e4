import type { Envelope } from './errors';
import type { JobEvent } from './schemas/jobs';

/** What the Electron preload exposes as `window.tierdesk`: contract channels and job progress only. */
export interface TierdeskBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Calls `listener` with every job progress event; returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

/** Prefix of the ipcMain channel names, one per contract channel. */
export const IPC_PREFIX = 'tierdesk:';

/** The one main → renderer message: job progress. */
export const JOB_EVENT_CHANNEL = 'tierdesk:job-event';
