import { readFileSync } from 'node:fs';
import { RecordsAck, type RecordsBatch } from '../../common/records/wire';

/** Delivering a batch failed; nothing is known to be stored, so the batch is sent again later. */
export class SyncTransportError extends Error {
  constructor(
    message: string,
    /** False when retrying soon cannot help (the platform refused the batch or the credential). */
    readonly retryable: boolean,
    /** HTTP status when the platform answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

/** How the sync client reaches the platform's records ingestion. */
export interface RecordsTransport {
  /**
   * Sends one batch; resolves with the platform's acknowledgement. Rejects with SyncTransportError,
   * also when `signal` aborts (the client is stopping).
   */
  send(batch: RecordsBatch, signal?: AbortSignal): Promise<RecordsAck>;
}

export interface HttpTransportOptions {
  /** The platform's base URL (config.platform.url); ws(s) is read as http(s). */
  platformUrl: string;
  /** File holding the kiosk credential; read at each send, so a credential installed later is picked up. */
  credentialFile: string;
  /** Give up on one request after this long (ms); the batch is retried. */
  timeoutMs?: number;
}

/** `POST <platform>/api/records/batch` with `Authorization: Bearer <credential>`. */
export class HttpRecordsTransport implements RecordsTransport {
  private readonly endpoint: string;

  constructor(private readonly options: HttpTransportOptions) {
    this.endpoint = new URL('/api/records/batch', options.platformUrl.replace(/^ws(s?):/, 'http$1:')).href;
  }

  async send(batch: RecordsBatch, signal?: AbortSignal): Promise<RecordsAck> {
    const credential = this.credential();
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify(batch),
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 30_000), ...(signal ? [signal] : [])]),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new SyncTransportError(`platform unreachable (${cause})`, true);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new SyncTransportError(
        `platform answered ${response.status} without JSON`,
        response.status >= 500,
        response.status,
      );
    }
    if (!response.ok) {
      const detail = (body as { error?: unknown }).error;
      throw new SyncTransportError(
        `platform answered ${response.status} ${String(detail)}`,
        response.status >= 500 || response.status === 429,
        response.status,
      );
    }
    const ack = RecordsAck.safeParse(body);
    if (!ack.success) throw new SyncTransportError('platform acknowledgement is malformed', true, response.status);
    return ack.data;
  }

  private credential(): string {
    try {
      const credential = readFileSync(this.options.credentialFile, 'utf8').trim();
      if (credential) return credential;
    } catch {
      // Reported below, with the same wording whether the file is missing or empty.
    }
    // Retryable: at first start the credential may be installed moments after the kiosk comes up.
    throw new SyncTransportError(`no kiosk credential in ${this.options.credentialFile}`, true);
  }
}
