import type { Page } from '@playwright/test';

/** The kiosk's current session id, asked of the kiosk API on a socket of its own. */
export function kioskSessionId(kiosk: Page): Promise<string> {
  return kiosk.evaluate(async () => {
    const token = document.querySelector('meta[name="kiosk-api-token"]')!.getAttribute('content')!;
    const socket = new WebSocket(`ws://${location.host}/kiosk-api?token=${encodeURIComponent(token)}`);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    const answer = new Promise<string>((resolve) =>
      socket.addEventListener('message', (e: MessageEvent<string>) => {
        if (JSON.parse(e.data).type === 'result') resolve(e.data);
      }),
    );
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'flow:get', request: {} }));
    const text = await answer;
    socket.close();
    const id = /"sessionId":"([0-9a-f-]{36})"/.exec(text)?.[1];
    if (!id) throw new Error('the kiosk flow has no session');
    return id;
  });
}

/** A GET with the console's doctor session, its body in base64 (images) or as text. */
export function doctorGet(console_: Page, url: string): Promise<{ status: number; type: string; base64: string }> {
  return console_.evaluate(async (url) => {
    const { token } = JSON.parse(sessionStorage.getItem('doctor-console.session')!) as { token: string };
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { status: res.status, type: res.headers.get('content-type') ?? '', base64: btoa(text) };
  }, url);
}
