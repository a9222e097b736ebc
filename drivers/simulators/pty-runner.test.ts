import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import type { SerialPortHandle } from '../transport/serial/serial-port';
import { PtyRunner, scenariosOf, type SerialSimulation } from './pty-runner';
import type { SimulatorModel } from './simulator-model';
import { requireSocat } from './testing/socat-stack';

const socat = await requireSocat();

/** A runner-test device: sends 0x10, 0x11, … one byte per 5 ms tick; answers host bytes reversed. */
const counterModel: SimulatorModel = {
  scenarios: ['normal'],
  create(scenario) {
    if (scenario !== 'normal') throw new Error(`unknown scenario ${scenario}`);
    let n = 0x10;
    return {
      tickMs: 5,
      tick: () => Uint8Array.of(n++ & 0x7f),
      receive: (bytes) => Uint8Array.from([...bytes].reverse()),
    };
  },
};
const counter: SerialSimulation = {
  name: 'counter',
  line: { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 },
  model: counterModel,
};

let dir: string;
let runner: PtyRunner | null = null;
let host: SerialPortHandle | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pty-runner-'));
});
afterEach(async () => {
  await host?.close();
  await runner?.stop();
  host = null;
  runner = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Collects host-side bytes until `enough` says so. */
function collect(port: SerialPortHandle, enough: (bytes: number[]) => boolean): Promise<number[]> {
  const seen: number[] = [];
  return new Promise((resolve) => {
    const onData = (chunk: Uint8Array) => {
      seen.push(...chunk);
      if (enough(seen)) {
        port.off('data', onData);
        resolve(seen);
      }
    };
    port.on('data', onData);
  });
}

async function startRunner(scenario: string, extra: Partial<ConstructorParameters<typeof PtyRunner>[0]> = {}) {
  runner = new PtyRunner({ ...counter, scenario, hostLink: join(dir, 'ttyHost'), ...extra });
  await runner.start();
  host = await openNodeSerialPort(runner.hostLink, counter.line);
  return { runner, host };
}

socat.describe('PtyRunner over a real socat pty pair', () => {
  it('streams the model at its tick rate and answers what the host writes', async () => {
    const { host } = await startRunner('normal');
    const stream = await collect(host, (b) => b.length >= 5);
    // Consecutive counter bytes: nothing lost or reordered by the pty.
    expect(stream.slice(1, 5).every((b, i) => b === ((stream[i]! + 1) & 0x7f))).toBe(true);
    const reply = collect(host, (b) => b.includes(0xab) && b.includes(0xcd));
    await host.write(Uint8Array.of(0xcd, 0xab));
    const seen = await reply;
    expect(seen.indexOf(0xab)).toBe(seen.indexOf(0xcd) - 1);
  });

  it('lists runner scenarios for every model and rejects an unknown one by name', () => {
    expect(scenariosOf(counterModel)).toEqual(['normal', 'silence', 'unplug', 'wrong-baud']);
    expect(() => new PtyRunner({ ...counter, scenario: 'nope', hostLink: join(dir, 'x') })).toThrow(
      'unknown scenario "nope" for counter; valid: normal, silence, unplug, wrong-baud',
    );
  });

  it("'silence' reads the host but never writes", async () => {
    const { runner, host } = await startRunner('silence');
    let written = 0;
    runner.on('written', () => (written += 1));
    for (let i = 0; i < 3; i += 1) {
      const received = once(runner, 'received');
      await host.write(Uint8Array.of(i));
      await received;
    }
    expect(written).toBe(0);
  });

  it("'wrong-baud' delivers bytes as a receiver at the wrong rate reads them", async () => {
    const { host } = await startRunner('wrong-baud');
    const seen = await collect(host, (b) => b.length >= 40);
    // The model sends 0x10, 0x11, … ; a 115200 receiver of a 9600 line sees zero runs, not that.
    expect(seen.filter((b) => b === 0).length).toBeGreaterThan(10);
  });

  it('unplugs (the host port closes with an error, the link goes) and replugs at the same path', async () => {
    const { runner, host: first } = await startRunner('normal');
    await collect(first, (b) => b.length > 0);
    const closed = once(first, 'closed');
    await runner.unplug();
    const [error] = (await closed) as [Error | null];
    expect(error).toBeInstanceOf(Error);
    expect(existsSync(runner.hostLink)).toBe(false);
    await expect(openNodeSerialPort(runner.hostLink, counter.line)).rejects.toThrow(`cannot open ${runner.hostLink}`);
    await runner.replug();
    host = await openNodeSerialPort(runner.hostLink, counter.line);
    const again = await collect(host, (b) => b.length >= 3);
    expect(again.length).toBeGreaterThanOrEqual(3);
  });

  it('a host that never got a byte still notices the unplug (no busy loop on the hung-up tty)', async () => {
    const { runner, host: first } = await startRunner('silence');
    const closed = once(first, 'closed');
    await runner.unplug();
    const [error] = (await closed) as [Error | null];
    expect(error?.message).toMatch(/hung up|bad file descriptor|EIO/i);
  });

  it('treats socat dying on its own as an unplug, and can replug', async () => {
    const { runner } = await startRunner('normal');
    const unplugged = once(runner, 'unplugged');
    const socat = (runner as unknown as { socat: { pid: number } }).socat;
    process.kill(socat.pid, 'SIGKILL');
    await unplugged;
    expect(runner.isPlugged).toBe(false);
    await host!.close();
    host = null;
    await runner.replug();
    host = await openNodeSerialPort(runner.hostLink, counter.line);
    expect((await collect(host, (b) => b.length > 0)).length).toBeGreaterThan(0);
  });

  it("'unplug' cycles by itself on its clock", async () => {
    const clock = new ManualClock();
    const { runner } = await startRunner('unplug', { clock, unplugAfterMs: 5_000, replugAfterMs: 3_000 });
    expect(clock.pendingDelays()).toEqual([5_000]);
    // Each step: the clock reaches the timer, the runner says so, and arms the next step's timer.
    const step = async (event: 'unplugged' | 'replugged', afterMs: number, nextMs: number) => {
      const happened = once(runner, event);
      clock.advance(afterMs);
      await happened;
      expect(runner.isPlugged).toBe(event === 'replugged');
      await clock.timerSet();
      expect(clock.pendingDelays()).toEqual([nextMs]);
    };
    await step('unplugged', 5_000, 3_000);
    await step('replugged', 3_000, 5_000);
  });

  it('kills socat on stop: the link is gone and can be created again', async () => {
    const { runner } = await startRunner('normal');
    await host!.close();
    host = null;
    await runner.stop();
    expect(existsSync(runner.hostLink)).toBe(false);
    const second = new PtyRunner({ ...counter, scenario: 'normal', hostLink: runner.hostLink });
    await second.start();
    expect(existsSync(second.hostLink)).toBe(true);
    await second.stop();
  });
});
