/**
 * The platform's public page that confirms a calibration certificate from the register it was
 * synced to: printed on the certificate and in its QR code. The token is the check's own id (a
 * random UUID, only on the paper): a certificate number alone cannot be probed.
 */
export function calibrationVerifyUrl(platformUrl: string, check: { id: string; certificateNumber: string }): string {
  const base = new URL(platformUrl);
  // The kiosk may be configured with the signalling scheme: the page is served over http(s).
  if (base.protocol === 'wss:') base.protocol = 'https:';
  if (base.protocol === 'ws:') base.protocol = 'http:';
  const url = new URL(
    `verify/calibration/${check.certificateNumber}`,
    base.href.endsWith('/') ? base : `${base.href}/`,
  );
  url.searchParams.set('t', check.id);
  return url.href;
}
