import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setLogLevel } from '../common/util/logger';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order (or only those whose name contains an
 * argument: `npm run bench -- store`). Each module's default export is an async function returning
 * the figures it printed; they are also written to bench/results/<name>.json with the machine's
 * facts, so runs can be compared. Figures are measured beside a baseline taken in the same run,
 * never asserted: benchmarks inform, tests decide.
 */
export type BenchFigures = Record<string, number | string>;
export type Bench = () => Promise<BenchFigures>;

const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

setLogLevel('warn');
mkdirSync(join(dir, 'results'), { recursive: true });
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n== bench ${name} ==\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
    const figures = await mod.default();
    const record = {
      name,
      at: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      figures,
    };
    writeFileSync(join(dir, 'results', `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  } catch (error) {
    failed++;
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
  }
}
if (files.length === 0) process.stderr.write(`no benchmark matched ${filters.join(' ')}\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
