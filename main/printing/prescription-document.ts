import type { PaperFormat } from '../../common/printing/print-state';

export interface PrescriptionDocumentOptions {
  /** Base URL of the platform (config `platform.url`; ws(s) is mapped to http(s)). */
  platformUrl: string;
  /** The kiosk credential (main/platform-credential.ts); throws when there is none. */
  credential(): string;
  fetch?: typeof fetch;
  paper: PaperFormat;
  timeoutMs?: number;
}

/**
 * The prescription's PDF as the platform signs it (GET /api/prescriptions/<number>.pdf with the
 * kiosk credential: the kiosk it was issued to may read it), in the printer's paper format.
 */
export function prescriptionDocument(options: PrescriptionDocumentOptions): (number: string) => Promise<Buffer> {
  const doFetch = options.fetch ?? fetch;
  const base = options.platformUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/$/, '');
  return async (number) => {
    const url = `${base}/api/prescriptions/${encodeURIComponent(number)}.pdf?format=${options.paper}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { authorization: `Bearer ${options.credential()}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new Error(`the prescription could not be fetched from the platform (${(error as Error).message})`);
    }
    if (!response.ok) throw new Error(`the platform refused the prescription's PDF (HTTP ${response.status})`);
    const pdf = Buffer.from(await response.arrayBuffer());
    if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-')))
      throw new Error('the platform answered something that is not a PDF');
    return pdf;
  };
}
