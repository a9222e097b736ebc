/**
 * SHA-256 (hex) of exactly the consent text shown, as UTF-8: what the consent record keeps so the
 * text the patient agreed to can be proved later. WebCrypto: the same in the kiosk, the browser and
 * the platform.
 */
export async function consentTextSha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
