import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setLogLevel } from '../../common/util/logger';
import { markdownCell, rewriteSection } from '../table';
import type { Fault, FaultResult } from './fault';

/**
 * `npm run faults`: runs every `bench/faults/*.fault.ts` in name order (or those whose name contains
 * an argument), prints each one's lost and duplicated counts, keeps them in
 * bench/results/faults.json (a partial run replaces only the faults it ran) and rewrites the fault
 * table of BENCHMARKS.md from it. Exits non-zero when a run lost or duplicated anything, or failed.
 */
const dir = import.meta.dirname;
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.fault.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

setLogLevel('silent');
const resultsFile = join(dir, '../results/faults.json');
const results: Record<string, FaultResult & { at: string }> = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, FaultResult & { at: string }>)
  : {};
let bad = 0;
for (const file of files) {
  const name = file.replace(/\.fault\.ts$/, '');
  process.stdout.write(`== fault ${name} ==\n`);
  let result: FaultResult;
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Fault };
    result = await mod.default();
  } catch (error) {
    process.stderr.write(`fault ${name} failed: ${(error as Error).stack ?? String(error)}\n`);
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    result = { name, injected: '—', lost: Number.NaN, duplicated: Number.NaN, checks: `run failed: ${message}` };
  }
  if (!(result.lost === 0 && result.duplicated === 0)) bad++;
  process.stdout.write(`${result.injected}: lost ${result.lost}, duplicated ${result.duplicated}; ${result.checks}\n`);
  results[name] = { ...result, at: new Date().toISOString().slice(0, 10) };
}

writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
const row = (r: FaultResult & { at: string }) =>
  `| ${[r.name, r.injected, String(r.lost), String(r.duplicated), r.checks, r.at].map(markdownCell).join(' | ')} |`;
const table = [
  '',
  '| fault | injected | lost | duplicated | checked | run on |',
  '|---|---|---:|---:|---|---|',
  ...Object.keys(results)
    .sort()
    .map((name) => row(results[name]!)),
  '',
].join('\n');
rewriteSection(
  join(dir, '../../BENCHMARKS.md'),
  '<!-- fault table: written by npm run faults -->',
  '<!-- end of fault table -->',
  table,
);
process.exitCode = bad > 0 || files.length === 0 ? 1 : 0;
