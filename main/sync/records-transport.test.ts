import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oximetry } from '../../common/records/testing/samples';
import type { RecordsBatch } from '../../common/records/wire';
import { HttpRecordsTransport, SyncTransportError } from './records-transport';
import { PlatformCredential } from '../platform-credential';

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
});

/** A platform double answering each request with `answer`; records what it was sent. */
async function platform(answer: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: { url: string; authorization: string | undefined; body: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  dir = mkdtempSync(join(tmpdir(), 'transport-'));
  writeFileSync(join(dir, 'credential'), 'kc1.dev-kiosk-1.abc.def\n');
  const port = (server.address() as { port: number }).port;
  return { seen, port, credentialFile: join(dir, 'credential') };
}

const m = oximetry();
const batch: RecordsBatch = { items: [{ id: m.id, sessionId: 's1', kind: 'measurement', payload: m }] };
const json = (status: number, body: unknown) => (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

async function failure(promise: Promise<unknown>): Promise<SyncTransportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncTransportError);
  return error as SyncTransportError;
}

describe('HttpRecordsTransport', () => {
  it('posts the batch with the credential as bearer and returns the acknowledgement', async () => {
    const p = await platform(json(200, { stored: [m.id] }));
    const transport = new HttpRecordsTransport({
      platformUrl: `ws://127.0.0.1:${p.port}`,
      credential: new PlatformCredential(p.credentialFile),
    });
    expect(await transport.send(batch)).toEqual({ stored: [m.id] });
    expect(p.seen).toEqual([
      { url: '/api/records/batch', authorization: 'Bearer kc1.dev-kiosk-1.abc.def', body: JSON.stringify(batch) },
    ]);
  });

  it('classifies failures: server errors retry soon, refusals wait longest', async () => {
    const statuses = [503, 401, 400, 429];
    const p = await platform((req, res) => json(statuses.shift()!, { error: 'x' })(req, res));
    const transport = new HttpRecordsTransport({
      platformUrl: `http://127.0.0.1:${p.port}`,
      credential: new PlatformCredential(p.credentialFile),
    });
    expect(await failure(transport.send(batch))).toMatchObject({ retryable: true, status: 503 });
    expect(await failure(transport.send(batch))).toMatchObject({ retryable: false, status: 401 });
    expect(await failure(transport.send(batch))).toMatchObject({ retryable: false, status: 400 });
    expect(await failure(transport.send(batch))).toMatchObject({ retryable: true, status: 429 });
  });

  it('refuses a malformed or non-JSON acknowledgement', async () => {
    const answers = [
      json(200, { stored: ['not-a-uuid'] }),
      (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200).end('ok'),
    ];
    const p = await platform((req, res) => answers.shift()!(req, res));
    const transport = new HttpRecordsTransport({
      platformUrl: `http://127.0.0.1:${p.port}`,
      credential: new PlatformCredential(p.credentialFile),
    });
    expect((await failure(transport.send(batch))).message).toMatch(/acknowledgement is malformed/);
    expect((await failure(transport.send(batch))).message).toMatch(/without JSON/);
  });

  it('reports an unreachable platform and a missing credential, naming the file', async () => {
    const p = await platform(json(200, { stored: [] }));
    const closedPort = p.port;
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const transport = new HttpRecordsTransport({
      platformUrl: `http://127.0.0.1:${closedPort}`,
      credential: new PlatformCredential(p.credentialFile),
    });
    expect(await failure(transport.send(batch))).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/platform unreachable \(ECONNREFUSED\)/),
    });
    const missing = join(dir!, 'nope');
    const noCredential = new HttpRecordsTransport({
      platformUrl: `http://127.0.0.1:${closedPort}`,
      credential: new PlatformCredential(missing),
    });
    expect((await failure(noCredential.send(batch))).message).toBe(`no kiosk credential in ${missing}`);
  });
});
