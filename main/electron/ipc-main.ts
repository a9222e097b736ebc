import { INVOKE_NAMES, kioskContract } from '../../common/ipc/contract';
import type { Envelope } from '../../common/ipc/envelope';
import { createLogger } from '../../common/util/logger';
import type { Dispatch } from '../ipc/dispatch';
import type { KioskEventHub } from '../ipc/event-hub';
import { isAppUrl } from './app-origin';
import type { IpcInvokeEvent, IpcMainLike, WebContentsLike } from './electron-api';

const log = createLogger('kiosk:electron:ipc');

/**
 * A message is trusted only from the app's own origin and from the main frame (checklist item 17):
 * an injected iframe or a page that navigated elsewhere gets nothing.
 */
export function isTrustedSender(event: IpcInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/**
 * Registers one ipcMain handler per contract entry (never a generic channel). Payloads are
 * validated by the shared dispatcher; answers are ok/error envelopes because Electron strips
 * error properties across invoke. Returns the disposer.
 */
export function registerKioskIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  const channels = INVOKE_NAMES.map((name) => kioskContract.invoke[name].channel);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        log.warn(`refused IPC from an untrusted sender [channel:${channel}]`);
        return { ok: false, error: { code: 'untrusted-sender', message: 'Refused: not the kiosk app' } };
      }
      return dispatch(channel, request);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}

/** Forwards the services' events to the kiosk window; returns the disposer. */
export function forwardEvents(hub: KioskEventHub, contents: WebContentsLike): () => void {
  return hub.attach((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  });
}
