import { z } from 'zod';

/**
 * The pharmacist's billing of assisted teleconsultations (issue 18 item 8), over HTTP with the
 * pharmacist's session token (`Authorization: Bearer`): the month's CSV and the day's and month's
 * counts, of the session's own pharmacy only (another pharmacy's: 403 `forbidden`).
 */
export const PHARMACY_BILLING_API = {
  /** GET ?month=YYYY-MM[&pharmacy=ID] → text/csv (`;`, UTF-8 with BOM). */
  csv: '/api/pharmacy/billing.csv',
  /** GET → BillingCounts (today in France). */
  counts: '/api/pharmacy/billing/counts',
} as const;

export const BillingCsvQuery = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM'),
    pharmacy: z.string().max(63).optional(),
  })
  .strict();

export const BillingCounts = z.object({
  /** Today in France, YYYY-MM-DD. */
  day: z.string(),
  today: z.number().int().min(0),
  month: z.number().int().min(0),
});
export type BillingCounts = z.infer<typeof BillingCounts>;
