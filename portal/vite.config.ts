import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No node:path here: portal/ is browser code for the layering lint; a file URL does the job.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

/** The pharmacist's portal, served by the platform under /portal/ (http/single-page-app.ts). */
export default defineConfig({
  root: here('.'),
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: here('../dist/portal'),
    emptyOutDir: true,
    // Served to any browser on the network: its maps would publish our sources.
    sourcemap: false,
    // Top-level await in main.tsx (the catalogues load before the first render).
    target: 'es2022',
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
