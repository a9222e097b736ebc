/** The environment variable naming the INSi interface's URL (server/identity/insi-client.ts). */
export const INSI_URL_ENV = 'PLATFORM_INSI_URL';

/**
 * The INSi interface's base URL, or null when none is set (INSi is then not asked, and the staff see
 * it said). https in production: INSi carries identities; http only in development (a local test server).
 */
export function insiUrlFromEnv(env: NodeJS.ProcessEnv, { allowHttp }: { allowHttp: boolean }): string | null {
  const text = env[INSI_URL_ENV]?.trim() ?? '';
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${INSI_URL_ENV}: not a URL: "${text}"`);
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:'))
    throw new Error(
      `${INSI_URL_ENV}: expected https://…${allowHttp ? ' (or http:// in development)' : ''}, got "${text}"`,
    );
  return text.replace(/\/+$/, '');
}
