import type { AudioLike } from '../chime';

/** Web Audio as far as the alarm uses it: records every note it is asked to play. */
export class FakeAudio implements AudioLike {
  state = 'suspended';
  currentTime = 0;
  destination = {};
  readonly notes: { hz: number; wave: string; volume: number }[] = [];
  private volume = 0;
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  createGain() {
    const gain = { value: 0 };
    return {
      gain: new Proxy(gain, { set: (t, p, v: number) => ((this.volume = v), Reflect.set(t, p, v)) }),
      connect: () => undefined,
    };
  }
  createOscillator() {
    const osc = { type: '', frequency: { value: 0 } };
    return {
      ...osc,
      get type() {
        return osc.type;
      },
      set type(v: string) {
        osc.type = v;
      },
      frequency: osc.frequency,
      connect: () => undefined,
      start: () => this.notes.push({ hz: osc.frequency.value, wave: osc.type, volume: this.volume }),
      stop: () => undefined,
    };
  }
}
