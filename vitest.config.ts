import { defineConfig } from 'vitest/config';

/**
 * Two projects: node (services, drivers, config, platform, lint rules) and jsdom (screens and the
 * doctor console). Tests sit next to their source as *.test.ts(x).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          setupFiles: ['./vitest.setup.ts'],
          environment: 'node',
          include: ['{common,drivers,main,kiosk-config,http,server,scripts,eslint-rules,bench}/**/*.test.ts'],
          exclude: ['server/console/**', 'node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'jsdom',
          setupFiles: ['./vitest.setup.ts'],
          environment: 'jsdom',
          include: ['{web-shared,renderer,server/console}/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
