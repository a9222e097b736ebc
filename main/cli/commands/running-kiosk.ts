import { askKiosk } from '../../control/control-client';
import type { CliIo } from '../command';

/** `kioskctl devices` against the running kiosk: one JSON line per device, as its diagnostics show it. */
export async function devicesFromKiosk(dataDir: string, io: CliIo): Promise<number> {
  await askKiosk(dataDir, { command: 'devices' }, (answer) => {
    if ('devices' in answer) for (const device of answer.devices) io.out(JSON.stringify(device));
  });
  return 0;
}

/**
 * `kioskctl monitor <device>` against the running kiosk: the device's line, then every frame it
 * sends (hex beside decoding) until `stop` (Ctrl+C, --seconds) or the kiosk stops.
 */
export async function monitorKiosk(
  dataDir: string,
  deviceId: string,
  options: { json: boolean; stop: Promise<unknown> },
  io: CliIo,
): Promise<number> {
  const time = (iso: string) => iso.slice(11, 23);
  await askKiosk(
    dataDir,
    { command: 'monitor', deviceId },
    (answer) => {
      if ('devices' in answer)
        for (const d of answer.devices)
          io.out(
            options.json
              ? JSON.stringify({ at: d.since, status: d })
              : `${time(new Date().toISOString())}  status ${d.state} (${d.modelName}, port ${d.port ?? '—'})`,
          );
      if ('frame' in answer)
        io.out(
          options.json
            ? JSON.stringify(answer.frame)
            : `${time(answer.frame.at)}  ${answer.frame.hex.padEnd(30)}  ${answer.frame.decoded}`,
        );
    },
    options.stop,
  );
  return 0;
}
