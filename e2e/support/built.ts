import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { ROOT } from './processes';

/** The web apps `npm run build` writes to dist/ (per checkout), by what the e2e tests call them. */
const BUILT = {
  'kiosk screens': 'dist/renderer/index.html',
  portal: 'dist/portal/index.html',
  'doctor console': 'dist/console/index.html',
} as const;

/** Fails the test, naming what is missing and the command, when one of these apps was not built. */
export function expectBuilt(...apps: (keyof typeof BUILT)[]): void {
  const missing = apps.filter((app) => !existsSync(join(ROOT, BUILT[app])));
  expect(missing, `not built: ${missing.join(', ')}: run npm run build`).toEqual([]);
}
