import { describe, expect, it } from 'vitest';
import type { Clock } from '../../common/util/clock';
import { MAINTENANCE_URL, WELCOME_URL } from './app-origin';
import { watchRenderer } from './recovery';
import { FakeWebContents } from './testing/fake-electron';

function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => {
      timers.delete(h as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers])
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
  };
  return { clock, advance };
}

describe('renderer recovery', () => {
  it('reloads the welcome screen after a crash and tells the flow', () => {
    const contents = new FakeWebContents();
    const recovered: string[] = [];
    watchRenderer(contents, { clock: manualClock().clock, onGaveUp: () => {}, onRecovered: (r) => recovered.push(r) });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.loaded).toEqual([WELCOME_URL]);
    expect(recovered).toEqual(['crashed']);
  });

  it('ignores a clean exit', () => {
    const contents = new FakeWebContents();
    watchRenderer(contents, { onGaveUp: () => {} });
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.loaded).toEqual([]);
  });

  it('shows maintenance and alerts the platform after repeated crashes, once', () => {
    const { clock, advance } = manualClock();
    const contents = new FakeWebContents();
    const alerts: string[] = [];
    watchRenderer(contents, { clock, maxCrashes: 3, crashWindowMs: 600_000, onGaveUp: (r) => alerts.push(r) });
    for (let i = 0; i < 4; i++) {
      contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      advance(1000);
    }
    expect(contents.loaded).toEqual([WELCOME_URL, WELCOME_URL, MAINTENANCE_URL]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/oom 3 times/);
  });

  it('forgets crashes older than the window', () => {
    const { clock, advance } = manualClock();
    const contents = new FakeWebContents();
    const alerts: string[] = [];
    watchRenderer(contents, { clock, maxCrashes: 2, crashWindowMs: 60_000, onGaveUp: (r) => alerts.push(r) });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    advance(120_000);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(alerts).toEqual([]);
    expect(contents.loaded).toEqual([WELCOME_URL, WELCOME_URL]);
  });

  it('kills and reloads a renderer hung past the timeout, not one that recovers', () => {
    const { clock, advance } = manualClock();
    const contents = new FakeWebContents();
    watchRenderer(contents, { clock, hangTimeoutMs: 15_000, onGaveUp: () => {} });
    contents.emit('unresponsive');
    advance(10_000);
    contents.emit('responsive');
    advance(10_000);
    expect(contents.crashedByUs).toBe(0);
    contents.emit('unresponsive');
    advance(15_000);
    expect(contents.crashedByUs).toBe(1);
    expect(contents.loaded).toEqual([WELCOME_URL]);
  });
});
