import { defineConfig } from 'vitest/config';
import { isCi } from './common/util/testing/ci';

/**
 * Two projects: node (services, drivers, config, platform, lint rules) and jsdom (screens and the
 * doctor console, the pharmacist's portal). Tests sit next to their source as *.test.ts(x).
 */
export default defineConfig({
  test: {
    // A stray `.only` would let CI pass while skipping the rest of the file: refused there.
    allowOnly: !isCi(process.env),
    projects: [
      {
        test: {
          name: 'node',
          setupFiles: ['./vitest.setup.ts'],
          environment: 'node',
          include: ['{common,drivers,main,kiosk-config,http,server,scripts,eslint-rules,bench,e2e}/**/*.test.ts'],
          exclude: ['console/**', 'node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'jsdom',
          setupFiles: ['./vitest.setup.ts'],
          environment: 'jsdom',
          include: ['{web-shared,renderer,console,portal}/**/*.test.{ts,tsx}'],
          // A style sheet read as text (`?raw`) keeps it: Vitest empties CSS by default, and the design
          // tokens test (web-shared/design/tokens-only.test.ts) would then check nothing.
          css: { include: [/\.css\?raw$/] },
          testTimeout: 20_000,
        },
      },
    ],
  },
});
