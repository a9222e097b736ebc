import { RecordsAck, type RecordsBatch } from '../../common/records/wire';
import type { PlatformCredential } from '../platform-credential';

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
  /** The kiosk credential; read at each send, so a credential installed later is picked up. */
  credential: PlatformCredential;
  /** Give up on one request after this long (ms); the batch is retried. */
  timeoutMs?: number;
  /** Default: the global fetch; the kiosk passes platformFetch (main/platform-fetch.ts) for `platform.caFile`. */
  fetch?: typeof fetch;
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
      response = await (this.options.fetch ?? fetch)(this.endpoint, {
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
      // Expired or revoked: logged with what to do; the batch stays in the outbox for the next credential.
      if (response.status === 401) this.options.credential.refused(detail);
      throw new SyncTransportError(
        `platform answered ${response.status} ${String(detail)}`,
        response.status >= 500 || response.status === 429,
        response.status,
      );
    }
    this.options.credential.accepted();
    const ack = RecordsAck.safeParse(body);
    if (!ack.success) throw new SyncTransportError('platform acknowledgement is malformed', true, response.status);
    return ack.data;
  }

  private credential(): string {
    const credential = this.options.credential.read();
    if (credential) return credential;
    // Retryable: at first start the credential may be installed moments after the kiosk comes up.
    throw new SyncTransportError(`no kiosk credential in ${this.options.credential.file}`, true);
  }
}
