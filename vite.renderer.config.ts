import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // One bundle (React, i18n, XState types, mediasoup-client, the screens) read from the kiosk's
    // own disk (kiosk:// or the loopback web host), never over a network: splitting gains nothing.
    // About 1 MB of it is the index of French communes for birthplaces (communes-fr.generated.ts).
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      // maintenance.html: the Electron shell's page after repeated renderer failures (no script).
      input: {
        index: resolve(import.meta.dirname, 'renderer/index.html'),
        maintenance: resolve(import.meta.dirname, 'renderer/maintenance.html'),
      },
      // zod ships /*#__PURE__*/ comments rollup cannot place; they are harmless and drown real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
