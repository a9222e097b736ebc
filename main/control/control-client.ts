import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { DeviceChangeRequest } from '../../common/devices/device-change';
import { ControlAnswer, controlPaths } from './control-protocol';

/** The kiosk is not running (no socket, or nobody listening on it): said plainly by kioskctl. */
export class KioskNotRunning extends Error {
  constructor(socket: string) {
    super(
      `the kiosk is not running (no kiosk answers at ${socket}); start it, or use --standalone to open the devices directly with the kiosk stopped`,
    );
    this.name = 'KioskNotRunning';
  }
}

/**
 * Sends one request to the running kiosk's control socket and hands each answer line to `onAnswer`
 * until the kiosk closes or `stop` resolves. Throws KioskNotRunning, or an error naming the token
 * file when it cannot be read (kioskctl must run as the kiosk's user).
 */
export async function askKiosk(
  dataDir: string,
  request:
    | { command: 'devices' }
    | { command: 'monitor'; deviceId: string }
    | ({ command: 'set-device' } & DeviceChangeRequest),
  onAnswer: (answer: ControlAnswer) => void,
  stop?: Promise<unknown>,
): Promise<void> {
  const paths = controlPaths(dataDir);
  if (!existsSync(paths.socket)) throw new KioskNotRunning(paths.socket);
  let token: string;
  try {
    token = readFileSync(paths.token, 'utf8').trim();
  } catch (error) {
    throw new Error(
      `cannot read the kiosk's control token ${paths.token} (${(error as NodeJS.ErrnoException).code}): run kioskctl as the kiosk's user`,
    );
  }
  const socket = connect(paths.socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(['ECONNREFUSED', 'ENOENT'].includes(error.code ?? '') ? new KioskNotRunning(paths.socket) : error),
    );
  });
  socket.write(`${JSON.stringify({ ...request, token })}\n`);
  void stop?.then(() => socket.end());
  const lines = createInterface({ input: socket });
  for await (const line of lines) {
    const answer = ControlAnswer.parse(JSON.parse(line));
    if ('error' in answer) {
      socket.destroy();
      throw new Error(`the kiosk refused: ${answer.message}`);
    }
    onAnswer(answer);
  }
}
