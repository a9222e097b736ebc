import { expect, it } from 'vitest';
import { systemClock } from '../../common/util/clock';
import { THERMOMETER_SCENARIO_FINAL, type ThermometerScenario } from '../simulators/models/welch-allyn-suretemp';
import { serialSimulation } from '../catalogue/simulations';
import { scenariosOf } from '../simulators/pty-runner';
import { requireSocat } from '../simulators/testing/socat-stack';
import { openNodeSerialPort } from '../transport/serial/node-serial-port';
import { expectErrorWithoutValidReading, expectUnplugRecovery, quiet, usePtyDevices } from './testing/pty-device';
import { Thermometer } from './thermometer';
import { waitFor } from './testing/wait-for';

const socat = await requireSocat();

/*
 * The thermometer is polled: each poll waits for the device's answer over the pty with the
 * protocol's timeout, so the driver keeps real time here (a poll answered is an event; only the
 * silence test waits for the timeouts themselves). The unplug is moved by the test.
 */
const setup = usePtyDevices(
  'thermometer',
  (port) =>
    new Thermometer(
      { id: 'thermometer-1', model: 'welch-allyn-suretemp', port },
      { clock: systemClock, logger: quiet, openSerial: openNodeSerialPort },
      { failAfterMs: 400, timeoutMs: 15_000 },
    ),
);

const model = serialSimulation('welch-allyn-suretemp')!;

socat.describe('thermometer over a real pty, every simulator scenario', () => {
  it('has the thermometer simulator registered', () => {
    expect(serialSimulation('welch-allyn-suretemp')).not.toBeNull();
  });

  for (const scenario of scenariosOf(model.model)) {
    if (['normal', 'fever', 'garbage', 'reference-bath', 'reference-bath-0.5-high'].includes(scenario)) {
      it(`${scenario}: polls live probe values, then gives the device's final reading`, async () => {
        const { device, errors, connected } = await setup(model, scenario);
        await connected;
        const [live] = await waitFor(device, 'readingReceived', (r) => !r.final && r.valid);
        expect(live.type).toBe('temperature');
        const final = waitFor(device, 'readingReceived', (r) => r.final);
        await device.startMeasurement();
        const [reading] = await final;
        expect(reading.type === 'temperature' && reading.celsius).toBeCloseTo(
          THERMOMETER_SCENARIO_FINAL[scenario as ThermometerScenario]!,
          1,
        );
        if (scenario === 'garbage') expect(errors.length).toBeGreaterThan(0);
      });
    } else if (scenario === 'probe-error') {
      it('probe-error: flags live values and fails the measurement with probe-error', async () => {
        const { device, connected } = await setup(model, scenario);
        await connected;
        const [live] = await waitFor(device, 'readingReceived');
        expect(live.valid).toBe(false);
        expect(live.flags).toContain('probe-error');
        const failed = waitFor(device, 'measurementFailed');
        await device.startMeasurement();
        expect((await failed)[0].code).toBe('probe-error');
      });
    } else if (scenario === 'silence') {
      it('silence: the polls time out and the status names the command and the wait', async () => {
        const { runner, device } = await setup(model, scenario);
        const [status] = await waitFor(device, 'statusChanged', (s) => s.state === 'error');
        expect(status.reason?.code).toBe('no-response');
        expect(status.reason?.detail).toContain(
          `command "read temperature record" on ${runner.hostLink} got no reply after 500 ms`,
        );
      });
    } else if (scenario === 'wrong-baud') {
      it('wrong-baud: an error status, no valid reading', async () => {
        const { device } = await setup(model, scenario);
        await expectErrorWithoutValidReading(device, ['no-response', 'unreadable-data']);
      });
    } else if (scenario === 'unplug') {
      it('unplug: reports the unplug and answers again once reopened after the replug', async () => {
        await expectUnplugRecovery(await setup(model, scenario));
      });
    } else {
      it(`${scenario}: answers polls without crashing`, async () => {
        const { device } = await setup(model, scenario);
        await waitFor(device, 'frameDecoded');
      });
    }
  }
});
