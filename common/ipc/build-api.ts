import { EVENT_NAMES, INVOKE_NAMES, kioskContract, type KioskApi } from './contract';

/**
 * The transport a shell provides: Electron's preload (ipcRenderer) or the web host's WebSocket.
 * `invoke` resolves with the unwrapped value or rejects with a KioskApiError.
 */
export interface KioskTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the renderer-facing API from the contract: one method per entry, so neither shell ever
 * exposes a generic send. Event payloads are validated here too: the renderer trusts nothing raw.
 */
export function buildKioskApi(transport: KioskTransport): KioskApi {
  const api: Record<string, unknown> = {};
  for (const name of INVOKE_NAMES) {
    const entry = kioskContract.invoke[name];
    api[name] = async (request: unknown) => {
      const value = await transport.invoke(entry.channel, request);
      return entry.response.parse(value);
    };
  }
  for (const name of EVENT_NAMES) {
    const entry = kioskContract.events[name];
    api[name] = (listener: (payload: unknown) => void) =>
      transport.subscribe(entry.channel, (payload) => {
        const parsed = entry.payload.safeParse(payload);
        if (parsed.success) listener(parsed.data);
        else console.error(`kiosk api: dropped malformed ${entry.channel} event`, parsed.error.issues);
      });
  }
  return api as KioskApi;
}
