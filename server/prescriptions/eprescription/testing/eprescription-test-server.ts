import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { EPrescriptionSubmission } from '../eprescription-format';

/**
 * A local stand-in for the e-prescription service in tests: HTTPS (a test CA's certificate),
 * optionally requiring a client certificate from that CA; records each submission it accepted and
 * answers `{ receipt }`, or 503 while `down` is set, so a test sees what was sent and the retries.
 */
export interface EPrescriptionTestServer {
  url: string;
  received: EPrescriptionSubmission[];
  /** How many requests came in, accepted or not. */
  requests: number;
  down: boolean;
  close(): Promise<void>;
}

export async function startEPrescriptionTestServer(tls: {
  cert: string;
  key: string;
  /** With `ca`, clients must present a certificate it issued. */
  ca?: string;
}): Promise<EPrescriptionTestServer> {
  const state = { received: [] as EPrescriptionSubmission[], requests: 0, down: false };
  const server: Server = createServer(
    { cert: tls.cert, key: tls.key, ...(tls.ca && { ca: tls.ca, requestCert: true, rejectUnauthorized: true }) },
    (req, res) => {
      state.requests += 1;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (state.down || req.method !== 'POST') {
          res.writeHead(state.down ? 503 : 405).end();
          return;
        }
        state.received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as EPrescriptionSubmission);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ receipt: `TEST-${state.received.length}` }));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://localhost:${port}/prescriptions`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  // The same object the handler reads: a test setting `down` is seen by the next request.
  return Object.assign<typeof state, Pick<EPrescriptionTestServer, 'url' | 'close'>>(state, { url, close });
}
