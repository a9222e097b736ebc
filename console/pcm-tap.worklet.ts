// Runs in the AudioWorkletGlobalScope (built apart by Vite, `?worker&url`): none of its globals
// are in TypeScript's DOM library, so the few used are declared here.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** Samples posted per message: 0.1 s at the console's 8 kHz, ten messages a second. */
const BLOCK = 800;

/**
 * Hands the stethoscope's samples, as they play, to the console's page (the phonocardiogram and
 * the 15 s recorder), in blocks. No output: Chromium pulls a node without outputs by itself.
 */
class PcmTap extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      this.block[this.filled++] = channel[i]!;
      if (this.filled === BLOCK) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(BLOCK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-tap', PcmTap);

export {};
