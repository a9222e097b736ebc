import { AlertAnswer, type AlertKind } from '../../common/pharmacy/alerts';
import { PLATFORM_API } from '../../common/signaling/fleet';

/** The platform did not answer usably (unreachable, refused, or an answer that is not an alert). */
export class AlertRequestError extends Error {
  constructor(
    message: string,
    /** The `error` code of a 401 (a refused kiosk credential), else null. */
    readonly refusal: unknown = null,
  ) {
    super(message);
  }
}

export interface AlertClientOptions {
  /** Base URL of the platform (config `platform.url`; ws(s) is accepted and mapped to http(s)). */
  platformUrl: string;
  /** The kiosk credential (main/platform-credential.ts); throws when there is none. */
  credential(): string;
  fetch?: typeof fetch;
  /** A raise or resolve with no answer after this long fails. Default 10 s. */
  timeoutMs?: number;
  /** A long poll with no answer after this long fails (the platform answers within 20 s). Default 35 s. */
  pollTimeoutMs?: number;
}

/**
 * The kiosk's requests about a pharmacist alert (PLATFORM_API.alerts, with the kiosk credential):
 * raise it, follow it by long poll, close it. 'unknown' means the platform does not know the alert
 * (it restarted): raise it again under the same id.
 */
export function alertClient(options: AlertClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '')}${PLATFORM_API.alerts}`;

  const request = async (path: string, signal: AbortSignal, timeoutMs: number, body?: unknown) => {
    let credential: string;
    try {
      credential = options.credential();
    } catch (error) {
      throw new AlertRequestError((error as Error).message);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${credential}`,
          ...(body === undefined || body === null ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined || body === null ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    } catch (error) {
      throw new AlertRequestError(`platform unreachable (${(error as Error).name})`);
    }
    const json: unknown = await response.json().catch(() => null);
    if (response.status === 404) return 'unknown' as const;
    if (!response.ok)
      throw new AlertRequestError(
        `platform refused (HTTP ${response.status})`,
        response.status === 401 ? (json as { error?: unknown } | null)?.error : null,
      );
    const answer = AlertAnswer.safeParse(json);
    if (!answer.success) throw new AlertRequestError('the platform answered something that is not an alert');
    return answer.data;
  };

  const short = options.timeoutMs ?? 10_000;
  return {
    raise: (alertId: string, kind: AlertKind, signal: AbortSignal) => request('', signal, short, { alertId, kind }),
    watch: (alertId: string, after: number, signal: AbortSignal) =>
      request(`/${alertId}?after=${after}`, signal, options.pollTimeoutMs ?? 35_000),
    resolve: (alertId: string, signal: AbortSignal) => request(`/${alertId}/resolve`, signal, short, null),
  };
}

export type AlertClient = ReturnType<typeof alertClient>;
