import { join } from 'node:path';
import { z } from 'zod';
import { DeviceChangeRequest, DeviceChangeResult } from '../../common/devices/device-change';
import { DeviceDiagnostics, DeviceFrame } from '../../common/devices/diagnostics';

/**
 * The running kiosk's local control socket, for `kioskctl devices`, `monitor` and `device set`: a Unix
 * socket in the kiosk's data folder (0600, the kiosk's user only) and a token file beside it
 * (0600, new at each start) that every request must carry. One JSON object per line each way.
 */
export const CONTROL_SOCKET_NAME = 'kioskctl.sock';
export const CONTROL_TOKEN_NAME = 'kioskctl.token';

export function controlPaths(dataDir: string): { socket: string; token: string } {
  return { socket: join(dataDir, CONTROL_SOCKET_NAME), token: join(dataDir, CONTROL_TOKEN_NAME) };
}

export const ControlRequest = z.discriminatedUnion('command', [
  z.object({ token: z.string().max(200), command: z.literal('devices') }).strict(),
  z.object({ token: z.string().max(200), command: z.literal('monitor'), deviceId: z.string().min(1).max(40) }).strict(),
  DeviceChangeRequest.extend({ token: z.string().max(200), command: z.literal('set-device') }).strict(),
]);
export type ControlRequest = z.infer<typeof ControlRequest>;

/** What the kiosk writes back: the devices once, a monitor's frames, or an error (then it closes). */
export const ControlAnswer = z.union([
  z.object({ devices: z.array(DeviceDiagnostics) }),
  z.object({ frame: DeviceFrame }),
  z.object({ change: DeviceChangeResult }),
  z.object({ error: z.string(), message: z.string() }),
]);
export type ControlAnswer = z.infer<typeof ControlAnswer>;
