/// <reference lib="dom" />
// page.evaluate callbacks below run in the browser.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import { ROOT, startEntry } from '../support/processes';

type Json = Record<string, unknown>;

/**
 * A kiosk config patched for a journey, written to a fresh folder: short delays (seated rest,
 * settling) so a journey runs in seconds, and optionally other timeouts or device scenarios.
 * Returns the file and the environment its `${KIOSK_*}` placeholders are filled from.
 */
export function writeJourneyConfig(patch: Json = {}): { configPath: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-flow-e2e-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'kiosk-config', 'default.json'), 'utf8')) as Json;
  const patched = {
    ...config,
    flow: {
      ...(config.flow as Json | undefined),
      bloodPressureRestSeconds: 2,
      spo2SettlingSeconds: 2,
      ...(patch.flow as Json | undefined),
    },
    timeouts: { ...(config.timeouts as Json), ...(patch.timeouts as Json | undefined) },
    devices: (patch.devices as unknown[] | undefined) ?? config.devices,
    platform: (patch.platform as Json | undefined) ?? config.platform,
  };
  mkdirSync(join(dir, 'data'), { recursive: true });
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify(patched));
  return { configPath, env: { KIOSK_DATA_DIR: join(dir, 'data'), KIOSK_RUNTIME_DIR: join(dir, 'run') } };
}

/** A kiosk web host with simulated devices and a config patched for the journey (writeJourneyConfig). */
export const test = base.extend<{ configPatch: Json; kioskUrl: string }>({
  configPatch: [{}, { option: true }],
  kioskUrl: async ({ configPatch }, use) => {
    const { configPath, env } = writeJourneyConfig(configPatch);
    const host = await startEntry('main/web-host/main.ts', ['--port', '0', '--config', configPath], ['KIOSK_URL'], env);
    await use(host.values.KIOSK_URL!);
    await host.stop();
  },
});
export { expect };

/** The default devices with one scenario changed (e.g. the oximeter's 'finger-out'). */
export function devicesWithScenario(deviceId: string, scenario: string): unknown[] {
  const config = JSON.parse(readFileSync(join(ROOT, 'kiosk-config', 'default.json'), 'utf8')) as { devices: Json[] };
  return config.devices.map((d) => (d.id === deviceId ? { ...d, simulator: { scenario } } : d));
}

type SimulatedWindow = Window & {
  kioskSimulated?: {
    flowSend(i: FlowIntention): Promise<{ accepted: boolean }>;
    getFlow(r: object): Promise<FlowView>;
  };
};

/**
 * Plays the platform's part (doctor accepts, asks for a measurement, ends the call) by sending the
 * platform intentions through the kiosk API, as renderer/streaming does when the signalling says so.
 * The real signalling path is covered by the platform engineer's call e2e (e2e/call/).
 */
export async function platformSends(page: Page, intention: FlowIntention): Promise<void> {
  expect(await kioskAccepts(page, intention), `platform intention ${intention.type}`).toBe(true);
}

/** Sends an intention through the kiosk API; whether the flow took it in its current state. */
export async function kioskAccepts(page: Page, intention: FlowIntention): Promise<boolean> {
  return page.evaluate(async (i) => {
    const api = (window as SimulatedWindow).kioskSimulated;
    if (!api) throw new Error('window.kioskSimulated missing: the kiosk is not simulated');
    return (await api.flowSend(i)).accepted;
  }, intention);
}

export async function currentFlow(page: Page): Promise<FlowView> {
  return page.evaluate(async () => (window as SimulatedWindow).kioskSimulated!.getFlow({}));
}
