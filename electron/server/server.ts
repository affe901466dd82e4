import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import type { JobEvent } from '../../shared/schemas/jobs';
import { fileTooLarge } from '../core/platform/uploads';
import type { HeldDownload } from '../core/platform/downloads';
import { readRendererFile } from '../core/platform/renderer-files';

const SESSION_COOKIE = 'tierdesk_session';
const MAX_BODY_BYTES = 1024 * 1024;
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
/** A comment line on the event stream this often keeps idle connections open. */
const EVENTS_HEARTBEAT_MS = 15_000;

/** Job progress as Server-Sent Events (the browser-mode counterpart of Electron's webContents.send): the session's own jobs only. */
function streamJobEvents(
  req: IncomingMessage,
  res: ServerResponse,
  session: string,
  subscribe: BrowserServerOptions['subscribeJobs'],
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = subscribe(session, (event) => res.write(`event: job\ndata: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), EVENTS_HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

const DOWNLOAD_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv',
};

/** Percent-decoded text, or null when its encoding is malformed (`%E0%A4%A`). */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const MALFORMED = '请求中的百分号编码无效 / Malformed percent-encoding in the request';

/** A finished export of the session's own as an attachment under its own name; deleted once sent (or the browser went away). */
function sendDownload(
  res: ServerResponse,
  session: string,
  token: string,
  options: Pick<BrowserServerOptions, 'download'>,
): void {
  let held: HeldDownload;
  try {
    held = options.download(session, token);
  } catch (error) {
    return sendText(
      res,
      404,
      error instanceof AppError ? `${error.message} / ${error.messageEn}` : '找不到文件 / Not found',
    );
  }
  res.writeHead(200, {
    'Content-Type': DOWNLOAD_TYPES[path.extname(held.fileName)] ?? 'application/octet-stream',
    'Content-Length': statSync(held.file).size,
    // The ASCII name for old clients, the real (Chinese) one per RFC 6266.
    'Content-Disposition': `attachment; filename="export${path.extname(held.fileName)}"; filename*=UTF-8''${encodeURIComponent(held.fileName)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  const stream = createReadStream(held.file);
  stream.on('close', () => rmSync(held.file, { force: true }));
  stream.pipe(res);
}

export interface BrowserServerOptions {
  /** A call from the browser session `caller` (its cookie: each has its own sign-in). */
  dispatch(caller: string, channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** May the session `caller` upload a file (signed in, in a role that imports)? */
  mayUpload(caller: string): boolean;
  /** Holds an uploaded file (POST /upload) and gives its token; throws AppError when it is refused. */
  acceptUpload(name: string, bytes: Buffer): { token: string; name: string; size: number };
  /** Largest upload accepted. */
  maxUploadBytes: number;
  /** Takes a finished export of the session `caller`'s by its token (GET /download/TOKEN: one fetch each); throws AppError when there is none. */
  download(caller: string, token: string): HeldDownload;
  /** Progress of the jobs of the session `caller`'s for the `/events` stream; returns the unsubscribe function. */
  subscribeJobs(caller: string, listener: (event: JobEvent) => void): () => void;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
}

export interface BrowserServer {
  /** The one URL to open: carries the one-time token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

/** A file's bytes from a POST body, refused as soon as it passes `maxBytes`. */
async function readUpload(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: ErrorBody }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = fileTooLarge(maxBytes).toBody();
  if (declared > maxBytes) {
    req.resume();
    return { ok: false, error: tooLarge };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.destroy();
      return { ok: false, error: tooLarge };
    }
    chunks.push(chunk as Buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

async function readJsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: '请求过大 / Request too large' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') };
  } catch {
    return { ok: false, status: 400, message: '请求不是有效的 JSON / Request body is not valid JSON' };
  }
}

const POST_ONLY = '只接受 POST / POST only';
const MISSING_ORIGIN = '拒绝访问：缺少来源 / Forbidden: missing Origin';

/** POST /api/<channel>: one contract call, answered with its envelope. */
async function answerApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  session: string,
  options: Pick<BrowserServerOptions, 'dispatch'>,
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, POST_ONLY);
  if (req.headers.origin === undefined) return sendText(res, 403, MISSING_ORIGIN);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    return sendText(res, 415, '需要 JSON / JSON required');
  const channel = decoded(url.pathname.slice('/api/'.length));
  if (channel === null) return sendText(res, 400, MALFORMED);
  const body = await readJsonBody(req);
  if (!body.ok) {
    // What is left of a body not read to its end must not be taken for the next request on this connection.
    res.setHeader('Connection', 'close');
    return sendText(res, body.status, body.message);
  }
  const envelope = await options.dispatch(session, channel, body.value);
  return sendJson(res, !envelope.ok && envelope.error.code === 'UNKNOWN_CHANNEL' ? 404 : 200, envelope);
}

/** POST /upload: a file held for a later import, answered with its token. */
async function answerUpload(
  req: IncomingMessage,
  res: ServerResponse,
  session: string,
  options: Pick<BrowserServerOptions, 'mayUpload' | 'acceptUpload' | 'maxUploadBytes'>,
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 405, POST_ONLY);
  if (req.headers.origin === undefined) return sendText(res, 403, MISSING_ORIGIN);
  if (!options.mayUpload(session)) {
    res.setHeader('Connection', 'close');
    return sendJson(res, 403, {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: '只有能导入数据的登录员工可以上传文件',
        messageEn: 'Only signed-in staff who may import can upload files',
      },
    });
  }
  const name = decoded(String(req.headers['x-file-name'] ?? 'file'))?.slice(0, 200);
  if (name === undefined) {
    req.resume();
    return sendText(res, 400, MALFORMED);
  }
  const upload = await readUpload(req, options.maxUploadBytes);
  if (!upload.ok) return sendJson(res, 200, { ok: false, error: upload.error });
  try {
    return sendJson(res, 200, { ok: true, value: options.acceptUpload(name, upload.bytes) });
  } catch (error) {
    if (error instanceof AppError) return sendJson(res, 200, { ok: false, error: error.toBody() });
    throw error;
  }
}

/** A request of a signed-in session (Host, Origin and cookie already checked), by its path. */
async function answerSession(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  session: string,
  options: BrowserServerOptions,
): Promise<void> {
  if (url.pathname.startsWith('/api/')) return answerApi(req, res, url, session, options);
  if (url.pathname === '/upload') return answerUpload(req, res, session, options);

  if (url.pathname === '/events' && req.method === 'GET')
    return streamJobEvents(req, res, session, options.subscribeJobs);

  if (url.pathname.startsWith('/download/') && req.method === 'GET') {
    const token = decoded(url.pathname.slice('/download/'.length));
    return token === null ? sendText(res, 400, MALFORMED) : sendDownload(res, session, token, options);
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '不支持的请求 / Method not allowed');
  const file = await readRendererFile(options.rendererDir, url.pathname);
  res.writeHead(file.status, file.headers);
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

/** Opens a session for the one-time token's exchange: its cookie, and back to the app. */
function openSession(res: ServerResponse, sessions: Set<string>): void {
  const session = randomBytes(32).toString('base64url');
  sessions.add(session);
  res.writeHead(303, {
    Location: '/',
    'Set-Cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    'Cache-Control': 'no-store',
  });
  res.end();
}

/** A request that threw: logged, and answered 500 unless the reply had begun. */
function reportFailure(res: ServerResponse, error: unknown): void {
  // A client that went away mid-request (or sent a broken body) is not the app's failure: one line, no stack.
  const aborted =
    (error as { code?: unknown }).code === 'ECONNRESET' || (error instanceof Error && error.message === 'aborted');
  console.error(
    '[tierdesk] request failed:',
    aborted ? 'the client broke off the request' : error instanceof Error ? error.stack : error,
  );
  if (!res.headersSent) sendText(res, 500, '内部错误 / Internal error');
  else res.end();
}

/**
 * Browser mode: the same contract over HTTP on 127.0.0.1. A random token printed once is exchanged for an
 * HttpOnly SameSite=Strict session cookie; every request must carry it, name our Host, and (if it says)
 * come from our Origin. Anything else gets 403.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  let token: string | null = randomBytes(24).toString('base64url');
  const sessions = new Set<string>();
  let expectedHost = '';
  let expectedOrigin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reportFailure(res, error));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) return sendText(res, 403, '拒绝访问：主机名不符 / Forbidden: wrong Host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== expectedOrigin)
      return sendText(res, 403, '拒绝访问：来源不符 / Forbidden: foreign Origin');

    let url: URL;
    try {
      url = new URL(req.url ?? '/', expectedOrigin);
    } catch {
      return sendText(res, 400, '请求地址无效 / Malformed request URL');
    }
    const offered = url.searchParams.get('token');
    if (req.method === 'GET' && offered !== null) {
      if (token === null || !sameSecret(offered, token)) {
        return sendText(
          res,
          403,
          '链接已失效：每次启动只能用一次，请重新启动浏览器模式并打开新打印的链接。 / This link has been used or is wrong; restart browser mode and open the new link.',
        );
      }
      token = null; // one exchange per run
      return openSession(res, sessions);
    }

    const session = readCookie(req, SESSION_COOKIE);
    if (session === null || !sessions.has(session)) {
      return sendText(
        res,
        403,
        '拒绝访问：请打开浏览器模式启动时打印的链接。 / Forbidden: open the link printed when browser mode started.',
      );
    }
    return answerSession(req, res, url, session, options);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  expectedOrigin = `http://${expectedHost}`;
  return {
    url: `${expectedOrigin}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
