import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** Each check starts one child process under tsx (seconds on a loaded machine). */
const SPAWN_TIMEOUT_MS = 60_000;

/**
 * The configs read CI when loaded: one child process loads `config` twice (a query makes the second
 * import a fresh module), with CI=true and without, and prints `pick` of each.
 */
function loadedWithAndWithoutCi(config: string, pick: string): [unknown, unknown] {
  const url = pathToFileURL(resolve(ROOT, config)).href;
  const script = [
    `process.env.CI = 'true';`,
    `const { default: ci } = await import(${JSON.stringify(`${url}?ci`)});`,
    `delete process.env.CI;`,
    `const { default: local } = await import(${JSON.stringify(`${url}?local`)});`,
    `console.log(JSON.stringify([ci, local].map((c) => ${pick})));`,
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as [unknown, unknown];
}

describe('a stray .only cannot pass CI', () => {
  it('Vitest refuses .only under CI and allows it elsewhere', { timeout: SPAWN_TIMEOUT_MS }, () => {
    expect(loadedWithAndWithoutCi('vitest.config.ts', 'c.test.allowOnly')).toEqual([false, true]);
  });

  it('Playwright forbids .only under CI and allows it elsewhere', { timeout: SPAWN_TIMEOUT_MS }, () => {
    expect(loadedWithAndWithoutCi('e2e/playwright.config.ts', 'c.forbidOnly')).toEqual([true, false]);
  });
});
