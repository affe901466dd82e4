import type { TierdeskBridge } from '../../../shared/bridge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { Envelope, ErrorBody } from '../../../shared/errors';

declare global {
  interface Window {
    tierdesk?: TierdeskBridge;
  }
}

/** Fired when main answers UNAUTHENTICATED (never signed in, or locked after idling): back to the sign-in screen. */
export const SIGNED_OUT_EVENT = 'tierdesk:signed-out';
/** Fired when main answers DB_CORRUPT: the app asks whether the database is now known damaged. */
export const DATABASE_DOUBTED_EVENT = 'tierdesk:database-doubted';

/** An error envelope from the main process, thrown on the renderer side for React code to show. */
export class ApiError extends Error {
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
  }
}

async function invokeOverHttp(channel: string, input: unknown): Promise<Envelope<unknown>> {
  const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  if (!response.headers.get('Content-Type')?.startsWith('application/json')) {
    const text = await response.text();
    return { ok: false, error: { code: 'FORBIDDEN', message: text, messageEn: text } };
  }
  return (await response.json()) as Envelope<unknown>;
}

/** Calls a contract channel through Electron's preload when present, else browser mode's HTTP API. */
export async function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const envelope = window.tierdesk
    ? await window.tierdesk.invoke(channel, input)
    : await invokeOverHttp(channel, input);
  if (!envelope.ok) {
    if (envelope.error.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    // The database may have been found damaged: the app asks for its state again (and shows the recovery screen).
    if (envelope.error.code === 'DB_CORRUPT') window.dispatchEvent(new Event(DATABASE_DOUBTED_EVENT));
    throw new ApiError(envelope.error);
  }
  return envelope.value as ChannelOutput<C>;
}

/** The message to show for any error, in the UI language. */
export function errorText(error: unknown, language: string): string {
  if (error instanceof ApiError) return language === 'en' ? error.body.messageEn : error.body.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Field path → message from a VALIDATION error (`rules.tiers.2.thresholdFen`); a job's fields sit under
 * `request.`, which is dropped so a form can look its fields up the same way for both.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.body.code !== 'VALIDATION') return {};
  const issues = (error.body.details?.issues ?? []) as Array<{ field: string; message: string }>;
  return Object.fromEntries(issues.map((i) => [i.field.replace(/^request\./, ''), i.message]));
}
