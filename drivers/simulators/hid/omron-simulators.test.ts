import { describe, expect, it } from 'vitest';
import { hidSimulation } from '../../catalogue/simulations';
import { ManualClock } from '../../../common/util/testing/manual-clock';
import {
  Hem790itReplyReader,
  hem790itCommands,
  hem790itModeReport,
  hem790itOutputReports,
  hem790itReplyToFrame,
} from '../../protocols/omron-hem790it';
import { decodeHem7322uMemory, hem7322uBlockOf, hem7322uCommands } from '../../protocols/omron-hem7322u';
import type { HidDeviceHandle } from '../../transport/hid/hid-transport';
import { cuffCheckModeDisplay, cuffLinePressureAfter } from './omron-cuff';
import { SimulatedHidAttachment } from './simulated-hid-device';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes reports and collects the input reports the simulated device answers. */
async function exchange(handle: HidDeviceHandle, reports: Uint8Array[]): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  const listener = (r: Uint8Array) => got.push(r);
  handle.on('data', listener);
  for (const r of reports) await handle.write(r);
  await flush();
  handle.off('data', listener);
  return got;
}

function attach(model: 'omron-hem790it' | 'omron-hem7322u', scenario: string) {
  const clock = new ManualClock();
  const attachment = new SimulatedHidAttachment({
    ...hidSimulation(model)!,
    scenario,
    clock,
    autoStart: false,
  });
  return { clock, attachment };
}

describe('HID simulators', () => {
  it('refuse an unknown scenario, listing the valid ones', () => {
    expect(() => attach('omron-hem7322u', 'nope')).toThrow(
      'valid scenarios: normal, hypertension, cuff-error, no-record, asleep-until-start, unplug, offset-plus-5, offset-plus-2, leak-12',
    );
  });

  it('HEM-7322U answers init only after START, serves its memory from 0x02AC and sleeps after done', async () => {
    const { attachment } = attach('omron-hem7322u', 'normal');
    const handle = await attachment.open({ vendorId: 0x0590, productId: 0x0090 });
    expect(await exchange(handle, [hem7322uCommands.init()])).toEqual([]);
    attachment.pressStart();
    expect(await exchange(handle, [hem7322uCommands.init()])).toHaveLength(1);
    const blocks = await exchange(handle, [hem7322uCommands.read(0x02ac), hem7322uCommands.read(0x02d4)]);
    const memory = Uint8Array.from(blocks.flatMap((b) => [...(hem7322uBlockOf(b) ?? [])]));
    const systolics = decodeHem7322uMemory(memory).map((r) =>
      r.frame.type === 'blood-pressure' ? r.frame.systolic : r.frame.type,
    );
    // Three days of history, then the reading START just took, then empty slots.
    expect(systolics).toEqual([131, 127, 125, 122, 'status']);
    expect(await exchange(handle, [hem7322uCommands.done()])).toHaveLength(1);
    expect(attachment.cuff.awake).toBe(false);
    // A corrupted CRC is ignored, as a real device would.
    attachment.pressStart();
    expect(await exchange(handle, [Uint8Array.of(0x02, 0x08, 0, 0, 0, 0, 0x10, 0, 0x19)])).toEqual([]);
  });

  it('HEM-790IT answers NO asleep; awake: OK to the clearing block, GDC, GME newest, OFF to END', async () => {
    const { attachment } = attach('omron-hem790it', 'hypertension');
    const handle = await attachment.open({ vendorId: 0x0590, productId: 0x0028 });
    const ask = async (message: Uint8Array) => {
      const reader = new Hem790itReplyReader();
      const replies = (await exchange(handle, hem790itOutputReports(message)))
        .map((r) => reader.push(r))
        .filter((r) => r !== null);
      return replies.map((r) => hem790itReplyToFrame(r));
    };
    await handle.sendFeatureReport(hem790itModeReport('readings'));
    expect(await ask(new Uint8Array(23))).toMatchObject([{ type: 'status', status: 'no' }]);
    attachment.pressStart();
    expect(await ask(new Uint8Array(23))).toMatchObject([{ type: 'status', status: 'ok' }]);
    expect(await ask(hem790itCommands.readingCount(0))).toMatchObject([
      { type: 'status', status: 'ok', detail: { count: 4 } },
    ]);
    expect(await ask(hem790itCommands.reading(0, 0))).toMatchObject([
      { type: 'blood-pressure', systolic: 168, diastolic: 102, pulseRate: 84, valid: true },
    ]);
    expect(await ask(hem790itCommands.reading(0, 3))).toMatchObject([{ type: 'blood-pressure', systolic: 131 }]);
    expect(await ask(hem790itCommands.end())).toMatchObject([{ type: 'status', status: 'off' }]);
    expect(attachment.cuff.awake).toBe(false);
  });

  it('unplug control: the open handle closes with an error and opens fail until replug', async () => {
    const { attachment } = attach('omron-hem7322u', 'normal');
    const handle = await attachment.open({ vendorId: 0x0590, productId: 0x0090 });
    const closed = new Promise<Error | null>((resolve) => handle.once('closed', resolve));
    attachment.unplug();
    expect((await closed)?.message).toContain('simulated unplug');
    await expect(attachment.open({ vendorId: 0x0590, productId: 0x0090 })).rejects.toThrow('unplugged');
    await expect(handle.write(hem7322uCommands.init())).rejects.toThrow('not open');
    attachment.replug();
    await expect(attachment.open({ vendorId: 0x0590, productId: 0x0090 })).resolves.toBeDefined();
    await expect(attachment.open({ vendorId: 0x0590, productId: 0x0028 })).rejects.toThrow('is hid 0590:0090');
  });

  it('offset scenarios: the check-mode display and the measurements both read the sensor error high', async () => {
    expect([0, 50, 250].map((p) => cuffCheckModeDisplay('offset-plus-5', p))).toEqual([5, 55, 255]);
    expect([0, 50, 250].map((p) => cuffCheckModeDisplay('normal', p))).toEqual([0, 50, 250]);
    expect(cuffCheckModeDisplay('offset-plus-2', 100)).toBe(102);
    expect(() => cuffCheckModeDisplay('nope', 100)).toThrow('valid scenarios');
    const { attachment } = attach('omron-hem7322u', 'offset-plus-5');
    attachment.pressStart();
    // The simulated patient is 122/78: a sensor 5 mmHg high records 127/83.
    expect(attachment.cuff.newestFirst()[0]).toMatchObject({ systolic: 127, diastolic: 83, pulseRate: 68 });
  });

  it('leak scenario: the line pressure falls 12 mmHg a minute; a sound cuff loses 1', () => {
    expect(cuffLinePressureAfter('leak-12', 250, 60)).toBe(238);
    expect(cuffLinePressureAfter('normal', 250, 60)).toBe(249);
  });
});
