import type { KioskApi } from '../common/ipc/contract';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell (the WebSocket client is used). */
    readonly kiosk?: KioskApi;
  }
}
