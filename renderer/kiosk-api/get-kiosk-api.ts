import { buildKioskApi } from '../../common/ipc/build-api';
import type { KioskApi } from '../../common/ipc/contract';
import { createWsTransport, kioskSocketUrl } from './ws-transport';

let cached: KioskApi | undefined;

/**
 * The screens' one way to reach the kiosk: Electron's preload (`window.kiosk`) when present, else
 * the web host's WebSocket. Screens never know which shell runs them.
 */
export function getKioskApi(win: Window = window): KioskApi {
  cached ??= win.kiosk ?? buildKioskApi(createWsTransport(kioskSocketUrl(win.document)));
  return cached;
}
