import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No node:path here: console is browser code for the layering lint; a file URL does the job.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

/** The doctor console, served by the platform under /console/ (http/single-page-app.ts). */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    // The console is served to any browser on the network: its maps would publish our sources.
    sourcemap: false,
    // One bundle (React, zod, mediasoup-client) of about 700 kB, loaded once by a desktop browser.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // zod ships /*#__PURE__*/ comments rollup cannot place; they are harmless and drown real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
