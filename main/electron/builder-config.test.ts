import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// electron-builder's own validator and schema (the checks `electron-builder` runs before packaging).
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("validates against electron-builder's configuration schema", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator really rejects a wrong field (the test can fail)', async () => {
    await expect(
      validateConfiguration({ ...config, linux: { target: 42, nonsense: true } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration/i);
  });

  it('#19 burns the fuses: no run-as-node, NODE_OPTIONS or inspect; asar integrity on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds deb and AppImage, unpacks native modules and depends on pcscd', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['deb', 'AppImage']);
    expect(config.asarUnpack).toContain('**/*.node');
    expect((config.deb as { depends: string[] }).depends).toContain('pcscd');
    expect(config.npmRebuild).toBe(true);
  });

  it('#16 uses a supported Electron major', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const major = Number(/\d+/.exec(pkg.devDependencies.electron ?? '')?.[0]);
    expect(major).toBeGreaterThanOrEqual(38);
  });
});
