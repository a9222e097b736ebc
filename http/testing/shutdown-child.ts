import { stopOnSignals } from '../shutdown';

/** For shutdown.test.ts: `hang` never finishes stopping, `fail` throws, anything else stops cleanly. */
const mode = process.argv[2];
stopOnSignals(async () => {
  process.stdout.write('stopping\n');
  if (mode === 'hang') await new Promise<never>(() => {});
  if (mode === 'fail') throw new Error('flush failed');
});
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
