import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalAlert } from '../common/pharmacy/cabins';
import { FakeAudio } from '../web-shared/sound/testing/fake-audio';
import { Alarm, alarmLevel } from './alarm';

const alert = (over: Partial<PortalAlert>): PortalAlert => ({
  alertId: 'a',
  kioskId: 'k',
  cabinLabel: 'Cabine 1',
  kind: 'help',
  raisedAt: '2026-03-02T09:00:00.000Z',
  status: 'open',
  escalated: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  ...over,
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('alarmLevel', () => {
  it('rings for open alerts only, louder for an escalated one or an emergency', () => {
    expect(alarmLevel([])).toBe('off');
    expect(alarmLevel([alert({ status: 'acknowledged', kind: 'emergency' })])).toBe('off');
    expect(alarmLevel([alert({})])).toBe('chime');
    expect(alarmLevel([alert({}), alert({ escalated: true })])).toBe('escalated');
    expect(alarmLevel([alert({ kind: 'emergency' })])).toBe('escalated');
  });
});

describe('Alarm', () => {
  it('stays silent and says it is blocked until a touch unlocks the sound', async () => {
    const audio = new FakeAudio();
    const alarm = new Alarm(() => audio);
    alarm.set('chime');
    expect(alarm.blocked).toBe(true);
    expect(audio.notes).toEqual([]);
    expect(await alarm.unlock()).toBe(true);
    expect(alarm.blocked).toBe(false);
    expect(audio.notes.map((n) => n.hz)).toEqual([880, 660]);
  });

  it('repeats the chime every 8 s, the escalated alarm louder every 2 s, and stops when nothing is open', async () => {
    const audio = new FakeAudio();
    const alarm = new Alarm(() => audio);
    await alarm.unlock();
    alarm.set('chime');
    vi.advanceTimersByTime(16_000);
    expect(audio.notes).toHaveLength(6);
    expect(audio.notes.every((n) => n.wave === 'sine' && n.volume < 0.5)).toBe(true);
    audio.notes.length = 0;
    alarm.set('escalated');
    vi.advanceTimersByTime(4_000);
    expect(audio.notes).toHaveLength(9);
    expect(audio.notes.every((n) => n.wave === 'square' && n.volume === 1)).toBe(true);
    audio.notes.length = 0;
    alarm.set('off');
    vi.advanceTimersByTime(20_000);
    expect(audio.notes).toEqual([]);
  });

  it('is blocked where the browser has no Web Audio', async () => {
    const alarm = new Alarm(() => null);
    expect(alarm.blocked).toBe(true);
    expect(await alarm.unlock()).toBe(false);
  });
});
