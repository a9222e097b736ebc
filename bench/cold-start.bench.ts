import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { startEntry } from '../e2e/support/processes';
import { percentile, type BenchResult } from './figure';
import { startBenchPlatform, writeBenchKioskConfig } from './kiosk-setup';

/**
 * Kiosk cold start: from starting the kiosk process (the web host: store, sync, simulated devices,
 * flow) through launching Debian's Chromium to the welcome screen's start button enabled, as after
 * a reboot of the cabin. Baseline in the same run: a bare Node HTTP server process started the same
 * way (tsx) and the same Chromium loading its empty page. The platform runs beforehand, as it does
 * on its own servers. Median of RUNS, needs the built screens (npm run build).
 */
const RUNS = 3;

async function timed(start: () => Promise<{ url: string; stop(): Promise<void> }>, ready: string): Promise<number> {
  const t = performance.now();
  const server = await start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.locator(ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    if (!(await page.locator(ready).first().isEnabled())) throw new Error(`${ready} is not enabled`);
    return performance.now() - t;
  } finally {
    await browser.close();
    await server.stop();
  }
}

export default async function coldStartBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-cold-'));
  const platform = await startBenchPlatform(dir);
  const credentialFile = platform.credentialFile;
  try {
    const kiosk: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const runDir = join(dir, `kiosk-${run}`);
      mkdirSync(runDir);
      const config = writeBenchKioskConfig(runDir, { url: platform.values.PLATFORM_URL!, credentialFile });
      kiosk.push(
        await timed(async () => {
          const host = await startEntry('main/web-host/main.ts', ['--port', '0', '--config', config], ['KIOSK_URL']);
          return { url: host.values.KIOSK_URL!, stop: host.stop };
        }, 'button:has-text("Commencer")'),
      );
      bare.push(
        await timed(async () => {
          const server = await startEntry('bench/empty-page-server.ts', [], ['EMPTY_PAGE_URL']);
          return { url: server.values.EMPTY_PAGE_URL!, stop: server.stop };
        }, 'main'),
      );
    }
    const ours = percentile(kiosk, 50);
    const baseline = percentile(bare, 50);
    console.log(
      `cold start → welcome interactive: ${ours.toFixed(0)} ms vs ${baseline.toFixed(0)} ms for a bare server and an empty page (median of ${RUNS})`,
    );
    return {
      figures: [
        {
          name: 'kiosk cold start → interactive welcome vs an empty page',
          ours,
          baseline,
          unit: 'ms',
          goal: null,
        },
      ],
      details: { kioskMs: kiosk.map(Math.round).join(' '), bareMs: bare.map(Math.round).join(' '), runs: RUNS },
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
