import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** The configs read CI when loaded: each is loaded in a child process with the environment asked. */
function loaded(config: string, pick: string, env: Record<string, string>): unknown {
  const script = `const { default: c } = await import(${JSON.stringify(resolve(ROOT, config))}); console.log(JSON.stringify(${pick}));`;
  const { CI: _ci, ...rest } = process.env;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as unknown;
}

describe('a stray .only cannot pass CI', () => {
  it('Vitest refuses .only under CI and allows it elsewhere', () => {
    expect(loaded('vitest.config.ts', 'c.test.allowOnly', { CI: 'true' })).toBe(false);
    expect(loaded('vitest.config.ts', 'c.test.allowOnly', {})).toBe(true);
  });

  it('Playwright forbids .only under CI and allows it elsewhere', () => {
    expect(loaded('e2e/playwright.config.ts', 'c.forbidOnly', { CI: 'true' })).toBe(true);
    expect(loaded('e2e/playwright.config.ts', 'c.forbidOnly', {})).toBe(false);
  });
});
