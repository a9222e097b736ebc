import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { DeviceChangeRequest, DeviceChangeResult } from '../../common/devices/device-change';
import type { DeviceDiagnostics } from '../../common/devices/diagnostics';
import { createLogger } from '../../common/util/logger';
import type { AuditEntry } from '../db/audit-log';
import type { FrameFeed } from '../diagnostics/frame-feed';
import { ControlRequest, controlPaths, type ControlAnswer } from './control-protocol';

const log = createLogger('kiosk:main:control');

export interface ControlSocketOptions {
  dataDir: string;
  diagnostics: () => DeviceDiagnostics[];
  feed: Pick<FrameFeed, 'subscribe'>;
  audit: { append(entry: AuditEntry): void };
  /** `kioskctl device set`: a port or model change tried on the running kiosk (device-change.ts). */
  changeDevice?: (request: DeviceChangeRequest) => Promise<DeviceChangeResult>;
}

/**
 * Serves `kioskctl devices` and `kioskctl monitor` from the running kiosk (issue 19): the socket
 * and its token file are the kiosk user's only (0600); a request without the token is refused and
 * audited. Removed again at close, so their absence says the kiosk is not running.
 */
export async function startControlSocket(options: ControlSocketOptions): Promise<{ close(): Promise<void> }> {
  const paths = controlPaths(options.dataDir);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  rmSync(paths.token, { force: true });
  writeFileSync(paths.token, `${token}\n`, { mode: 0o600 });
  // A socket left by a kiosk that crashed would make listen fail: this kiosk is the one running.
  rmSync(paths.socket, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, token, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(paths.socket, () => resolve());
  });
  chmodSync(paths.socket, 0o600);
  log.info(`kioskctl socket at ${paths.socket}`);
  return {
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(paths.socket, { force: true });
      rmSync(paths.token, { force: true });
    },
  };
}

function send(socket: Socket, answer: ControlAnswer): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
}

/** One connection: its first line is the request; a monitor streams until the client goes. */
function serve(socket: Socket, token: string, options: ControlSocketOptions): void {
  const lines = createInterface({ input: socket });
  socket.on('error', () => socket.destroy());
  lines.once('line', (line) => {
    lines.close();
    let request: ControlRequest;
    try {
      request = ControlRequest.parse(JSON.parse(line));
    } catch {
      send(socket, { error: 'bad-request', message: 'expected one JSON request line (see kioskctl)' });
      return void socket.end();
    }
    if (!sameToken(request.token, token)) {
      options.audit.append({ actor: 'kioskctl', action: 'kioskctl-refused', subject: 'wrong-token' });
      send(socket, { error: 'unauthorised', message: "wrong control token: read it from the kiosk's data folder" });
      return void socket.end();
    }
    if (request.command === 'set-device') return void setDevice(socket, request, options);
    const devices = options.diagnostics();
    if (request.command === 'devices') {
      options.audit.append({ actor: 'kioskctl', action: 'kioskctl-devices', subject: null });
      send(socket, { devices });
      return void socket.end();
    }
    const { deviceId } = request;
    if (!devices.some((d) => d.deviceId === deviceId)) {
      send(socket, {
        error: 'unknown-device',
        message: `no device "${deviceId}"; configured: ${devices.map((d) => d.deviceId).join(', ')}`,
      });
      return void socket.end();
    }
    options.audit.append({ actor: 'kioskctl', action: 'kioskctl-monitor', subject: deviceId });
    send(socket, { devices: devices.filter((d) => d.deviceId === deviceId) });
    const unsubscribe = options.feed.subscribe(deviceId, (frame) => send(socket, { frame }));
    socket.on('close', unsubscribe);
  });
}

/** Answers a device change once its trial ended (it audits itself, as kioskctl), then closes. */
function setDevice(
  socket: Socket,
  { token: _token, command: _command, ...request }: Extract<ControlRequest, { command: 'set-device' }>,
  options: ControlSocketOptions,
): void {
  if (options.changeDevice === undefined) {
    send(socket, { error: 'unsupported', message: 'this kiosk does not change devices over kioskctl' });
    return void socket.end();
  }
  options
    .changeDevice(request)
    .then(
      (change) => send(socket, { change }),
      (error: unknown) => send(socket, { error: 'refused', message: (error as Error).message }),
    )
    .finally(() => socket.end());
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
