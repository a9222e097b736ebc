import { build, type BuildOptions } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Bundles the Electron main process and the preload into dist/electron/. The preload runs
 * sandboxed, where only 'electron' can be required: it must be one self-contained CommonJS file.
 * Native addons stay external (they are unpacked from the asar and rebuilt for Electron's ABI).
 */
export async function buildElectron(outDir = resolve(import.meta.dirname, '../dist/electron')) {
  const root = resolve(import.meta.dirname, '..');
  const bundle = (entry: string, outfile: string, options: BuildOptions) =>
    build({
      entryPoints: [resolve(root, entry)],
      outfile: resolve(outDir, outfile),
      bundle: true,
      platform: 'node',
      logLevel: 'warning',
      ...options,
    });
  await bundle('main/electron/preload.ts', 'preload.cjs', {
    format: 'cjs',
    target: 'chrome128',
    external: ['electron'],
  });
  await bundle('main/electron/main.ts', 'main.mjs', { format: 'esm', target: 'node20', packages: 'external' });
  return outDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildElectron();
  process.stdout.write('built dist/electron/{main.mjs,preload.cjs}\n');
}
