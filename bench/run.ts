import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setLogLevel } from '../common/util/logger';
import type { Bench, BenchResult, Figure } from './figure';
import { markdownTable, rewriteSection, textTable } from './table';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` in name order (or only those whose name contains an
 * argument: `npm run bench -- store`), prints one table of every figure beside its baseline and
 * goal, writes bench/results/<date>.json and rewrites the table in BENCHMARKS.md. A partial run
 * merges into the same day's results, so the table always shows the latest figure of each bench.
 * Figures are measured, never asserted: benchmarks inform, tests decide.
 */
interface BenchRecord extends BenchResult {
  at: string;
}
interface ResultsFile {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGB: number; node: string; loadAverageAtStart: number[] };
  benches: Record<string, BenchRecord>;
}

const dir = import.meta.dirname;
const root = join(dir, '..');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const date = new Date().toISOString().slice(0, 10);
const resultsFile = join(dir, 'results', `${date}.json`);
const results: ResultsFile = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as ResultsFile)
  : { date, machine: machine(), benches: latestEarlierResults()?.benches ?? {} };
results.machine = machine();

/**
 * The newest earlier day's results: a partial run on a new day starts from them, so the table keeps
 * every bench's latest figure (each row's bench says when it ran: see `carried`).
 */
function latestEarlierResults(): ResultsFile | null {
  if (!existsSync(join(dir, 'results'))) return null;
  const earlier = readdirSync(join(dir, 'results'))
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f) && f < `${date}.json`)
    .sort()
    .at(-1);
  return earlier ? (JSON.parse(readFileSync(join(dir, 'results', earlier), 'utf8')) as ResultsFile) : null;
}

function machine(): ResultsFile['machine'] {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1e9),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

setLogLevel('warn');
mkdirSync(join(dir, 'results'), { recursive: true });
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n== bench ${name} ==\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
    results.benches[name] = { at: new Date().toISOString(), ...(await mod.default()) };
  } catch (error) {
    failed++;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    process.stderr.write(`bench ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
    const failure: Figure = { name: `${name} bench`, ours: null, baseline: null, unit: '', goal: null };
    results.benches[name] = {
      at: new Date().toISOString(),
      figures: [{ ...failure, note: `failed: ${message}` }],
      details: {},
    };
  }
}
if (files.length === 0) process.stderr.write(`no benchmark matched ${filters.join(' ')}\n`);

const figures = Object.keys(results.benches)
  .sort()
  .flatMap((name) => results.benches[name]!.figures);
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
const m = results.machine;
const carried = Object.entries(results.benches)
  .filter(([, record]) => !record.at.startsWith(date))
  .map(([name, record]) => `${name} (${record.at.slice(0, 10)})`);
const about =
  `${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, Node ${m.node}, load average ${m.loadAverageAtStart.join(' ')} at start; ` +
  `${date}, \`npm run bench\` (results: \`bench/results/${date}.json\`)` +
  (carried.length ? `; not re-run that day, figures carried from their last run: ${carried.join(', ')}` : '');
process.stdout.write(`\n${textTable(figures)}${about}\n`);
rewriteSection(
  join(root, 'BENCHMARKS.md'),
  '<!-- bench table: written by npm run bench -->',
  '<!-- end of bench table -->',
  `\n${about}\n\n${markdownTable(figures)}`,
);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
