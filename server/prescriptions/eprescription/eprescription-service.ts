import { request } from 'node:https';
import type { EPrescriptionSubmission } from './eprescription-format';

/** The e-prescription service as the platform uses it: submit one prescription, get the service's receipt. */
export interface EPrescriptionService {
  /** Resolves with the service's receipt; rejects with a reason fit to show the doctor (no patient data). */
  submit(submission: EPrescriptionSubmission): Promise<string>;
}

export interface HttpsEPrescriptionOptions {
  /** e.g. "https://eprescription.example/api/prescriptions" (https only: the payload is health data). */
  url: string;
  /** PEM: the CA the service's certificate chains to (the system's when absent). */
  ca?: string;
  /** PEM: the platform's client certificate and key, when the service authenticates its callers so. */
  cert?: string;
  key?: string;
  timeoutMs?: number;
}

/**
 * POSTs the submission as JSON over TLS (the server's certificate always checked) and takes
 * `{ receipt }` from a 2xx answer (eprescription-format.ts, assumption 3). Anything else rejects
 * with the status or the transport's reason.
 */
export class HttpsEPrescriptionService implements EPrescriptionService {
  constructor(private readonly options: HttpsEPrescriptionOptions) {
    if (new URL(options.url).protocol !== 'https:') throw new Error('the e-prescription service URL must be https');
  }

  submit(submission: EPrescriptionSubmission): Promise<string> {
    const body = Buffer.from(JSON.stringify(submission));
    const { ca, cert, key } = this.options;
    return new Promise((resolve, reject) => {
      const req = request(
        this.options.url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          ...(ca && { ca }),
          ...(cert && key && { cert, key }),
          timeout: this.options.timeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => settle(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), resolve, reject));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('the e-prescription service did not answer in time')));
      req.on('error', (error) => reject(new Error(`e-prescription service unreachable: ${error.message}`)));
      req.end(body);
    });
  }
}

function settle(status: number, text: string, resolve: (receipt: string) => void, reject: (e: Error) => void): void {
  if (status < 200 || status > 299) return reject(new Error(`the e-prescription service refused it (HTTP ${status})`));
  try {
    const receipt = (JSON.parse(text) as { receipt?: unknown }).receipt;
    if (typeof receipt === 'string' && receipt !== '') return resolve(receipt);
  } catch {
    // falls through: an answer without a receipt is not an acceptance
  }
  reject(new Error('the e-prescription service answered without a receipt'));
}
