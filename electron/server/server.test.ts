import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, seedBranch, testSession } from '../../tests/helpers/branch';
import { dispatch } from '../core/dispatch';
import { startBrowserServer, type BrowserServer } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: BrowserServer;
let ctx: ReturnType<typeof createTestContext>;
let cookie = '';
/** Whether the session may upload (signed in, in a role that imports). */
let uploadsAllowed = true;
let origin = '';

/** Raw HTTP, so tests can send any Host and Origin a hostile page or DNS rebinding would. */
function send(method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path: urlPath,
        headers: { Host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function api(channel: string, input: unknown, headers: Record<string, string> = {}) {
  return send(
    'POST',
    `/api/${channel}`,
    { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json', ...headers },
    JSON.stringify(input),
  );
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'tierdesk-renderer-'));
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<meta name="csp-nonce" content="__CSP_NONCE__"><div id="root"></div>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  ctx = createTestContext();
  seedBranch(ctx.store, [{ customer_no: '0001', name: '王芳', manager_code: 'M01', assets: { '2024-03': 100 } }]);
  server = await startBrowserServer({
    dispatch: (_caller, channel, input) => dispatch(ctx, testSession(), channel, input),
    // Every request here is from the one browser session signed in as M01 (`testSession`).
    subscribeJobs: (_caller, listener) => ctx.jobs.subscribe(listener, () => 'M01'),
    mayUpload: () => uploadsAllowed,
    acceptUpload: (name, bytes) => ctx.uploads.put(name, bytes),
    download: (_caller, token) => ctx.downloads.take(token, 'M01'),
    maxUploadBytes: 1024,
    rendererDir,
    port: 0,
  });
  origin = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  ctx.downloads.dispose();
  await server.close();
  await ctx.store.close();
});

describe('browser mode security', () => {
  it('binds 127.0.0.1 and prints a URL with a token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without the session cookie', async () => {
    expect((await send('GET', '/')).status).toBe(403);
    expect(
      (await send('POST', '/api/app.info', { Origin: origin, 'Content-Type': 'application/json' }, '{}')).status,
    ).toBe(403);
  });

  it('refuses a wrong token', async () => {
    expect((await send('GET', '/?token=guess')).status).toBe(403);
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie', async () => {
    const token = new URL(server.url).searchParams.get('token') ?? '';
    const first = await send('GET', `/?token=${token}`);
    expect(first.status).toBe(303);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0];
    expect((await send('GET', `/?token=${token}`)).status).toBe(403);
  });

  it('serves the app with a CSP carrying a fresh nonce and no unsafe-inline', async () => {
    const page = await send('GET', '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(page.body).toContain(`content="${nonce}"`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const asset = await send('GET', '/assets/app.js', { Cookie: cookie });
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('refuses a Host other than 127.0.0.1:port (DNS rebinding)', async () => {
    expect((await send('GET', '/', { Cookie: cookie, Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await send('GET', '/', { Cookie: cookie, Host: `localhost:${server.port}` })).status).toBe(403);
  });

  it('refuses a foreign Origin and an API call without Origin', async () => {
    expect((await api('app.info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    const noOrigin = await send('POST', '/api/app.info', { Cookie: cookie, 'Content-Type': 'application/json' }, '{}');
    expect(noOrigin.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const reply = await send('GET', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie });
    expect(reply.body).not.toContain('root:');
  });
});

describe('browser mode API', () => {
  it('answers a contract channel with its envelope', async () => {
    const reply = await api('app.info', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { customerCount: 1, latestMonth: '2024-03' } });
  });

  it('answers an unknown channel with an error, not a crash', async () => {
    const reply = await api('customers.delete', {});
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect((await api('app.info', {})).status).toBe(200);
  });

  it('names the invalid field and rejects unknown keys', async () => {
    const bad = await api('customers.page', {
      month: '2024-13',
      sort: { field: 'aum', direction: 'desc' },
      filter: {},
      cursor: null,
      limit: 50,
    });
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { field: 'month' } },
    });
    const extra = await api('app.info', { sql: 'DROP TABLE customers' });
    expect(JSON.parse(extra.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects bodies that are not JSON or too large (closing the connection: the rest of the body is not a request)', async () => {
    expect(
      (
        await send(
          'POST',
          '/api/app.info',
          { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
          '{oops',
        )
      ).status,
    ).toBe(400);
    const huge = JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) });
    const tooLarge = await send(
      'POST',
      '/api/app.info',
      { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      huge,
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.connection).toBe('close');
  });

  it('answers a request line that is no URL with 400, not a stack trace', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await send('GET', 'http://[::1', { Cookie: cookie })).status).toBe(400);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('browser mode job events', () => {
  /** Opens /events and collects `job` events until one says the job finished. */
  function collectUntilFinished(): Promise<{ status: number; events: Array<{ state: string; phase: string }> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'GET',
          path: '/events',
          headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie },
        },
        (res) => {
          const events: Array<{ state: string; phase: string }> = [];
          let buffer = '';
          res.on('data', (chunk: Buffer) => {
            buffer += chunk.toString('utf8');
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
              buffer = buffer.slice(end + 2);
              if (!data) continue;
              const event = JSON.parse(data) as { state: string; phase: string };
              events.push(event);
              if (event.state !== 'running') {
                req.destroy();
                resolve({ status: res.statusCode ?? 0, events });
              }
            }
          });
          // The stream is open: start a job for it to report.
          void api('jobs.start', { request: { kind: 'tiers.recompute' } });
        },
      );
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      req.end();
    });
  }

  it('streams a job from start to done over Server-Sent Events', async () => {
    const { status, events } = await collectUntilFinished();
    expect(status).toBe(200);
    expect(events[0]).toMatchObject({ state: 'running' });
    expect(events.at(-1)).toMatchObject({ state: 'done', result: { months: 1, customers: 1 } });
  });

  it('refuses the event stream without the session cookie', async () => {
    expect((await send('GET', '/events')).status).toBe(403);
  });
});

describe('browser mode downloads', () => {
  it('sends a finished export once, under its Chinese name, only with the session cookie', async () => {
    const file = ctx.downloads.reserve('客户明细-2024-03.csv');
    writeFileSync(file, '客户编号\r\n0001\r\n');
    const token = ctx.downloads.add(file, '客户明细-2024-03.csv', 'M01');
    expect((await send('GET', `/download/${token}`)).status).toBe(403);
    const reply = await send('GET', `/download/${token}`, { Cookie: cookie });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toBe(
      `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent('客户明细-2024-03.csv')}`,
    );
    expect(reply.body).toBe('客户编号\r\n0001\r\n');
    await expect.poll(() => existsSync(file)).toBe(false);
    const again = await send('GET', `/download/${token}`, { Cookie: cookie });
    expect(again.status).toBe(404);
    expect(again.body).toContain('已过期');
  });

  it("never sends someone else's export, whatever the token", async () => {
    const file = ctx.downloads.reserve('客户明细-2024-03.csv');
    writeFileSync(file, '客户编号\r\n0001\r\n');
    const token = ctx.downloads.add(file, '客户明细-2024-03.csv', 'T01');
    const reply = await send('GET', `/download/${token}`, { Cookie: cookie });
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('0001');
  });
});

describe('browser mode malformed percent-encoding', () => {
  it('answers 400 without a stack trace, in the API path, the upload name and the download path', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bad = '%E0%A4%A';
    expect(
      (await send('POST', `/api/${bad}`, { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' }, '{}'))
        .status,
    ).toBe(400);
    const upload = await send(
      'POST',
      '/upload',
      { Cookie: cookie, Origin: origin, 'Content-Type': 'application/octet-stream', 'X-File-Name': bad },
      'x',
    );
    expect(upload.status).toBe(400);
    expect(upload.body).toContain('百分号编码无效');
    expect((await send('GET', `/download/${bad}`, { Cookie: cookie })).status).toBe(400);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect((await api('app.info', {})).status).toBe(200);
  });
});

describe('browser mode uploads', () => {
  const upload = (body: Buffer, headers: Record<string, string> = {}) =>
    send(
      'POST',
      '/upload',
      {
        Cookie: cookie,
        Origin: origin,
        'Content-Type': 'application/octet-stream',
        'X-File-Name': encodeURIComponent('3月月报.csv'),
        ...headers,
      },
      body as unknown as string,
    );

  it('holds an uploaded file under a token', async () => {
    const reply = JSON.parse((await upload(Buffer.from('客户号,月日均'))).body) as {
      ok: boolean;
      value: { token: string; name: string };
    };
    expect(reply).toMatchObject({ ok: true, value: { name: '3月月报.csv' } });
    expect(ctx.uploads.file(reply.value.token).bytes.toString()).toBe('客户号,月日均');
  });

  it('refuses a session that may not import, before reading the file', async () => {
    uploadsAllowed = false;
    const reply = await upload(Buffer.from('客户号,月日均'));
    uploadsAllowed = true;
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a file over the limit, a request without Origin and one without the session', async () => {
    expect(JSON.parse((await upload(Buffer.alloc(2048))).body)).toMatchObject({
      ok: false,
      error: { code: 'FILE_TOO_LARGE' },
    });
    expect((await upload(Buffer.from('x'), { Origin: '' })).status).toBe(403);
    expect((await send('POST', '/upload', { Origin: origin }, 'x')).status).toBe(403);
  });
});
