import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  from: string;
  to: string;
  text: string;
}

/**
 * A local SMS gateway for the tests, speaking the HTTP API HttpSmsGateway uses: POST JSON
 * `{ from, to, text }` with a bearer token, 201 with a message id; a wrong token is 401 and a
 * message missing a field is 400. `refuse(true)` makes it answer 503 (a gateway down).
 */
export interface SmsTestGateway {
  readonly url: string;
  readonly token: string;
  readonly sent: SentSms[];
  refuse(on: boolean): void;
  stop(): Promise<void>;
}

export async function startSmsTestGateway(token = 'sms-test-token'): Promise<SmsTestGateway> {
  const sent: SentSms[] = [];
  let refusing = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== '/messages') return answer(404, { error: 'not-found' });
      if (request.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'unauthorised' });
      if (refusing) return answer(503, { error: 'unavailable' });
      let message: Partial<SentSms>;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString()) as Partial<SentSms>;
      } catch {
        return answer(400, { error: 'bad-json' });
      }
      const { from, to, text } = message;
      if (typeof from !== 'string' || typeof to !== 'string' || typeof text !== 'string')
        return answer(400, { error: 'from, to and text are required' });
      sent.push({ from, to, text });
      return answer(201, { id: `sms-${sent.length}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    token,
    sent,
    refuse: (on) => (refusing = on),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
