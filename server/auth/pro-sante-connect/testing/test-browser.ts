/**
 * Just enough of a browser for a sign-in's redirects in Node tests: it follows `Location` headers
 * one at a time and keeps cookies per host (paths ignored), so a test can stop at any step and
 * change what the next one sends. `fetchImpl` lets a test trust its own CA (undici's fetch with an
 * Agent); `hosts` maps a public origin (the platform's PLATFORM_PUBLIC_URL) to where it listens, as
 * a reverse proxy would.
 */
export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly hosts: Readonly<Record<string, string>> = {},
  ) {}

  /** One request, redirects not followed; cookies sent and kept. */
  async request(url: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    const target = this.resolve(url);
    const cookies = this.jar.get(target.host);
    const response = await this.fetchImpl(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies?.size && { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    this.keepCookies(target.host, response.headers.getSetCookie());
    return response;
  }

  /**
   * Follows redirects from `url` and returns the first location for which `stop` is true, not
   * requested. Throws on an answer that is not a redirect (with its status and body).
   */
  async follow(url: string, stop: (location: URL) => boolean, maxSteps = 10): Promise<URL> {
    let next = new URL(url);
    for (let step = 0; step < maxSteps; step++) {
      if (stop(next)) return next;
      const response = await this.request(next.href);
      const location = response.headers.get('location');
      if (!location) throw new Error(`${next.href}: ${response.status} without a redirect: ${await response.text()}`);
      next = new URL(location, next);
    }
    throw new Error(`more than ${maxSteps} redirects from ${url}`);
  }

  /** The cookies a set-cookie header left for this URL's host (for assertions). */
  cookie(url: string, name: string): string | undefined {
    return this.jar.get(this.resolve(url).host)?.get(name);
  }

  private resolve(url: string): URL {
    const parsed = new URL(url);
    const real = this.hosts[parsed.origin];
    return real ? new URL(`${real}${parsed.pathname}${parsed.search}`) : parsed;
  }

  private keepCookies(host: string, headers: string[]) {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    for (const header of headers) {
      const [pair = '', ...attributes] = header.split(';');
      const [name = '', ...value] = pair.trim().split('=');
      const gone = attributes.some((attribute) => {
        const [key = '', date = ''] = attribute.trim().split('=');
        return /^max-age$/i.test(key) ? Number(date) <= 0 : /^expires$/i.test(key) && Date.parse(date) <= Date.now();
      });
      if (gone) cookies.delete(name);
      else cookies.set(name, value.join('='));
    }
    this.jar.set(host, cookies);
  }
}
