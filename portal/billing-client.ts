import { BillingCounts, PHARMACY_BILLING_API } from '../common/pharmacy/billing';

/** Why a billing request failed: the platform's reason (a refusal), or no answer at all. */
export class BillingError extends Error {
  constructor(
    readonly kind: 'refused' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The portal's billing requests, with the session's token, to the platform that served the page:
 * the counts, and the month's CSV saved as a file by the browser.
 */
export class BillingClient {
  constructor(
    private readonly token: () => string | null,
    private readonly base = '',
  ) {}

  async counts(): Promise<BillingCounts> {
    return BillingCounts.parse(await (await this.get(PHARMACY_BILLING_API.counts)).json());
  }

  /** Fetches the month's CSV and hands it to the browser as a download; resolves once it did. */
  async downloadMonth(month: string, doc: Document = document): Promise<void> {
    const res = await this.get(`${PHARMACY_BILLING_API.csv}?month=${encodeURIComponent(month)}`);
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${month}.csv`;
    const url = URL.createObjectURL(await res.blob());
    try {
      const link = Object.assign(doc.createElement('a'), { href: url, download: name });
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      // The click has started the download from the blob; the URL is not needed after it.
      URL.revokeObjectURL(url);
    }
  }

  private async get(path: string): Promise<Response> {
    const token = this.token();
    if (!token) throw new BillingError('refused', 'not signed in');
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      throw new BillingError('unreachable', 'no answer from the platform');
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { message?: string } | null;
      throw new BillingError('refused', body?.message ?? `HTTP ${res.status}`);
    }
    return res;
  }
}
