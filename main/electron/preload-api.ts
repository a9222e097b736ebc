import { buildKioskApi, type KioskTransport } from '../../common/ipc/build-api';
import { unwrapEnvelope, type Envelope } from '../../common/ipc/envelope';
import type { ContextBridgeLike, IpcRendererLike } from './electron-api';

/**
 * What the preload exposes: exactly one `window.kiosk` object with one method per contract entry
 * (built by common/ipc/build-api.ts). ipcRenderer itself never crosses the bridge (checklist
 * item 20), and no method takes a channel name.
 */
export function exposeKioskApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): void {
  const transport: KioskTransport = {
    invoke: async (channel, request) =>
      unwrapEnvelope((await ipcRenderer.invoke(channel, request)) as Envelope<unknown>),
    subscribe: (channel, listener) => {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  };
  contextBridge.exposeInMainWorld('kiosk', buildKioskApi(transport));
}
