import type { BrowserWindowConstructorOptions } from 'electron';
import type {
  AppLike,
  ContextBridgeLike,
  ElectronShellApi,
  FrameLike,
  IpcInvokeEvent,
  IpcMainLike,
  IpcRendererLike,
  KioskWindowLike,
  PowerSaveBlockerLike,
  ProtocolLike,
  SessionLike,
  WebContentsLike,
} from '../electron-api';

type Listener = (...args: never[]) => unknown;

/** Minimal event registry shared by the fakes: `on` records, `emit` calls, in order. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }
}

/** An event whose preventDefault is observable. */
export function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeSession implements SessionLike {
  requestHandler: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
  checkHandler: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
  verifyProc: Parameters<SessionLike['setCertificateVerifyProc']>[0] = null;
  setCertificateVerifyProc(proc: FakeSession['verifyProc']) {
    this.verifyProc = proc;
  }
  setPermissionRequestHandler(handler: FakeSession['requestHandler']) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']) {
    this.checkHandler = handler;
  }
}

export class FakeWebContents extends Emitter implements WebContentsLike {
  readonly session = new FakeSession();
  mainFrame: FrameLike = { url: 'kiosk://app/index.html' };
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  readonly sent: Array<[string, unknown[]]> = [];
  readonly loaded: string[] = [];
  crashedByUs = 0;
  destroyed = false;
  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, args.map((a) => structuredClone(a))]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
    this.mainFrame = { url };
  }
  forcefullyCrashRenderer() {
    this.crashedByUs += 1;
  }
}

export class FakeWindow extends Emitter implements KioskWindowLike {
  readonly webContents = new FakeWebContents();
  shown = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }
  once(event: string, listener: Listener): this {
    return super.on(event, listener);
  }
  show() {
    this.shown = true;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
}

/**
 * ipcMain/ipcRenderer pair: every argument and answer goes through structuredClone, as Electron's
 * IPC serialises them (a class instance loses its prototype, a function throws).
 */
export function fakeIpcPair(senderFrame: () => FrameLike | null, mainFrame: () => FrameLike) {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event: IpcInvokeEvent = { senderFrame: senderFrame(), sender: { mainFrame: mainFrame() } };
      return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
    },
    on: (channel, listener) => {
      const set = rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      rendererListeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      rendererListeners.get(channel)?.delete(listener);
    },
  };
  /** Main → renderer send, as webContents.send would deliver it. */
  const deliver = (channel: string, payload: unknown) => {
    for (const l of rendererListeners.get(channel) ?? []) l({}, structuredClone(payload));
  };
  return { ipcMain, ipcRenderer, handlers, rendererListeners, deliver };
}

export class FakeContextBridge implements ContextBridgeLike {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown) {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  }
}

export class FakeApp extends Emitter implements AppLike {
  lockAvailable = true;
  quitCalled = false;
  requestSingleInstanceLock() {
    return this.lockAvailable;
  }
  quit() {
    this.quitCalled = true;
  }
  whenReady() {
    return Promise.resolve();
  }
  override on(event: string, listener: Listener): this {
    return super.on(event, listener);
  }
}

export class FakeProtocol implements ProtocolLike {
  readonly privileged: Array<{ scheme: string; privileges: Record<string, boolean> }> = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(schemes: FakeProtocol['privileged']) {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
    this.handlers.set(scheme, handler);
  }
}

export class FakePowerSaveBlocker implements PowerSaveBlockerLike {
  readonly active = new Map<number, string>();
  #next = 1;
  start(type: string) {
    const id = this.#next++;
    this.active.set(id, type);
    return id;
  }
  stop(id: number) {
    this.active.delete(id);
  }
}

/** A whole fake Electron for the shell, with handles on everything it created. */
export function createFakeElectron() {
  const app = new FakeApp();
  const protocol = new FakeProtocol();
  const session = new FakeSession();
  const powerSaveBlocker = new FakePowerSaveBlocker();
  const windows: FakeWindow[] = [];
  let currentFrame: () => FrameLike | null = () => windows[0]?.webContents.mainFrame ?? null;
  const ipc = fakeIpcPair(
    () => currentFrame(),
    () => windows[0]?.webContents.mainFrame ?? { url: '' },
  );
  const api: ElectronShellApi = {
    app,
    protocol,
    ipcMain: ipc.ipcMain,
    powerSaveBlocker,
    defaultSession: () => session,
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      app.emit('web-contents-created', {}, window.webContents);
      return window;
    },
  };
  return {
    api,
    app,
    protocol,
    session,
    powerSaveBlocker,
    windows,
    ipc,
    /** Makes the next IPC calls come from another frame (an iframe, another origin). */
    setSenderFrame(frame: () => FrameLike | null) {
      currentFrame = frame;
    },
  };
}
