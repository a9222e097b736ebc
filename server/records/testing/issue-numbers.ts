import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlitePrescriptionSequence } from '../prescription-sequence';

/**
 * One issuer process for the counter's concurrency test: `issue-numbers.ts <db> <go-file> <count>`
 * opens the records database, prints "ready", waits for the go file so both issuers start together,
 * then takes <count> numbers one by one and prints them as one JSON array.
 */
const [file, goFile, count] = process.argv.slice(2);
const sequence = new SqlitePrescriptionSequence({ file: file!, key: null });
process.stdout.write('ready\n');
while (!existsSync(goFile!)) await sleep(1);
const numbers: number[] = [];
for (let i = 0; i < Number(count); i++) {
  numbers.push(await sequence.next());
  // An issuer takes one number per prescription, not a burst: leave the other issuer its turns.
  await sleep(1);
}
sequence.close();
process.stdout.write(`${JSON.stringify(numbers)}\n`);
