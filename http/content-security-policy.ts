/**
 * The one Content-Security-Policy of every page we serve: the kiosk screens (kiosk:// in Electron,
 * the loopback web host in Chromium) and the doctor console on the platform. Scripts come only from
 * the page's own origin; nothing may frame a page, embed plugins or post forms elsewhere;
 * connections go to the page's origin plus `connectTo` (the kiosk screens: the platform's
 * signalling and media). Styles allow inline attributes because the screens set `style` props;
 * `blob:` and `data:` carry media and images made inside the page; a frame may show only a `blob:`
 * the page made itself (the console's prescription preview, a PDF it fetched with its token).
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export function contentSecurityPolicy(connectTo: readonly string[] = []): CspDirectives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...connectTo],
    'frame-src': ['blob:'],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}
