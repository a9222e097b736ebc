import { sleep, systemClock } from '../../common/util/clock';
import { DEV_DOCTOR } from '../../server/auth/doctor-accounts';
import { runCallFault } from './call-under-fault';
import type { FaultResult } from './fault';

/**
 * The platform SIGKILLed mid-call and started again by its supervisor (here the run itself, after
 * 2 s, on the same address and data folder). A reading is recorded every second throughout; the
 * kiosk keeps those the dead call could not carry and sends them once the call is back. The
 * platform stores its queue (server/calls/queue-journal.ts): the kiosk rejoins its own consultation,
 * back at its original place as waiting (the room died with the process), and the doctor signs in
 * again and accepts it.
 */
export default async function platformKilled(): Promise<FaultResult> {
  let downSeconds = 0;
  const tally = await runCallFault({
    intervalMs: 1_000,
    async inject(hosts) {
      const killedAt = Date.now();
      await hosts.restartPlatform({
        signal: 'SIGKILL',
        down: () => sleep(systemClock, 2_000),
      });
      downSeconds = (Date.now() - killedAt) / 1000;
    },
    async afterRepair(hosts, doctor) {
      await doctor.signIn(hosts.platformUrl, DEV_DOCTOR.email, DEV_DOCTOR.password);
      for (let i = 0; i < 120; i++) {
        const [entry] = await doctor.queue();
        if (entry) return void (await doctor.accept(entry.consultationId));
        await sleep(systemClock, 250);
      }
      throw new Error('the kiosk did not rejoin the queue of the restarted platform within 30 s');
    },
  });
  return {
    name: 'the platform killed mid-call',
    injected: `1 SIGKILL of the platform, down ${downSeconds.toFixed(1)} s until it answered again; ${tally.sent} readings recorded over the call`,
    lost: tally.lost,
    duplicated: tally.duplicated,
    checks: `kiosk call states: ${tally.kioskStates}; video decoding again on both sides ${tally.backAfterSeconds.toFixed(1)} s after the platform was back (the doctor signed in again and accepted)`,
  };
}
