import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Bundles the Electron main process and the preload into dist/electron/. The preload runs
 * sandboxed, where only 'electron' can be required: it must be one self-contained CommonJS file.
 * Native addons stay external (they are unpacked from the asar and rebuilt for Electron's ABI).
 */
export async function buildElectron(outDir = resolve(import.meta.dirname, '../dist/electron')) {
  const root = resolve(import.meta.dirname, '..');
  await build({
    entryPoints: [resolve(root, 'main/electron/preload.ts')],
    outfile: resolve(outDir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome128',
    external: ['electron'],
    logLevel: 'warning',
  });
  await build({
    entryPoints: [resolve(root, 'main/electron/main.ts')],
    outfile: resolve(outDir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildElectron();
  process.stdout.write('built dist/electron/{main.mjs,preload.cjs}\n');
}
