import { parseArgs } from 'node:util';
import { HYGIENE_CHECKLIST } from '../common/staff/staff';
import { sleep, systemClock } from '../common/util/clock';
import { setLogLevel } from '../common/util/logger';
import { loadConfig } from '../kiosk-config/load';
import { createKioskServices } from '../main/kiosk-services';
import { JOURNEY } from '../main/flow/testing/whole-journey';

/**
 * The kiosk side of the memory bench (kiosk-memory.bench.ts), in a process of its own so its RSS is
 * the kiosk's alone: the composition root with simulated devices, syncing to the platform given in
 * the config, walked through `--sessions` whole journeys through the same handlers the screens
 * call, with the pharmacist's hygiene check between two patients. Needs `node --expose-gc`.
 * Prints one JSON line: RSS and heap after the first session, after WARM_AFTER and after the last,
 * each after GC.
 */
const { values } = parseArgs({
  options: { config: { type: 'string' }, sessions: { type: 'string', default: '200' }, pin: { type: 'string' } },
});
setLogLevel('silent');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const services = await createKioskServices({ config: loadConfig(values.config!), version: 'bench', simulated: true });
const h = services.handlers;

async function session(): Promise<void> {
  for (const intention of JOURNEY) {
    // Each intention reaches the kiosk as its own IPC message, so timers and I/O (the sync, the
    // heartbeat) run between two of them. Without this turn of the event loop the journeys ran as
    // one long chain of microtasks: nothing synced for the whole run and 900 rows waited in the
    // outbox at the end, which is not how a kiosk lives.
    await new Promise((resolve) => setImmediate(resolve));
    const { accepted } = await h.flowSend(intention);
    if (!accepted) throw new Error(`the flow refused ${intention.type} at ${(await h.getFlow({})).step}`);
  }
  await h.flowSend({ type: 'FINISH' });
  const signIn = await h.staffSignIn({ role: 'pharmacist', pin: values.pin! });
  if (!signIn.ok) throw new Error(`pharmacist sign-in refused: ${signIn.error}`);
  await h.confirmHygiene({ items: [...HYGIENE_CHECKLIST] });
  await h.staffSignOut({});
}

/** RSS and heap after a full GC, once the event loop has run what the session left queued. */
async function settled(): Promise<{ rss: number; heap: number }> {
  for (let i = 0; i < 3; i++) {
    await sleep(systemClock, 50);
    gc!();
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

const sessions = Number(values.sessions);
/** By then the allocator, JIT and SQLite caches have grown most of the way to their working size. */
const WARM_AFTER = 20;
const started = Date.now();
await session();
const first = await settled();
let warm = first;
for (let i = 1; i < sessions; i++) {
  await session();
  if (i + 1 === WARM_AFTER) warm = await settled();
}
const last = await settled();
const pending = services.store.outbox.counts().pending;
await services.close();
process.stdout.write(
  JSON.stringify({ sessions, seconds: (Date.now() - started) / 1000, first, warm, last, outboxPending: pending }) +
    '\n',
);
