import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The slice of Electron's API the kiosk shell uses, written as narrow interfaces. The real module
 * is checked against them where main.ts hands it over (a compile error if Electron's API drifts),
 * and the tests run the whole shell against `testing/fake-electron.ts`, which implements exactly
 * these: no Electron binary can be downloaded on the build machines.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export interface FrameLike {
  readonly url: string;
}

export interface IpcInvokeEvent {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly mainFrame: FrameLike };
}

export interface PermissionDetails {
  requestingUrl: string;
  isMainFrame: boolean;
}

/** A certificate as Chromium presents it: PEM `data`, and the next one up the chain the server sent. */
export interface CertificateLike {
  readonly data: string;
  readonly issuerCert?: CertificateLike | undefined;
}

/** What `setCertificateVerifyProc` is asked: Chromium's own verdict comes with it (errorCode 0 = valid). */
export interface CertificateVerifyRequest {
  readonly hostname: string;
  readonly certificate: CertificateLike;
  readonly verificationResult: string;
  readonly errorCode: number;
}

export interface SessionLike {
  setCertificateVerifyProc(
    proc: ((request: CertificateVerifyRequest, callback: (verificationResult: number) => void) => void) | null,
  ): void;
  setPermissionRequestHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          callback: (granted: boolean) => void,
          details: PermissionDetails,
        ) => void)
      | null,
  ): void;
  setPermissionCheckHandler(
    handler:
      | ((
          webContents: unknown,
          permission: string,
          requestingOrigin: string,
          details: { requestingUrl?: string; isMainFrame: boolean },
        ) => boolean)
      | null,
  ): void;
}

export interface WebContentsLike {
  readonly session: SessionLike;
  readonly mainFrame: FrameLike;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'before-input-event', listener: (event: PreventableEvent, input: KeyInput) => void): unknown;
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  forcefullyCrashRenderer(): void;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

export interface KioskWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<unknown>;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): unknown;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): void;
}

/** Everything the shell needs from Electron, handed over once by main.ts. */
export interface ElectronShellApi {
  app: AppLike;
  protocol: ProtocolLike;
  ipcMain: IpcMainLike;
  powerSaveBlocker: PowerSaveBlockerLike;
  defaultSession(): SessionLike;
  createWindow(options: BrowserWindowConstructorOptions): KioskWindowLike;
}
