import type { Device, types } from 'mediasoup-client';
import type { MediaSource } from '../../common/signaling/messages/media';
import { consumeProducer, type MediaSignaling } from './media-transport';

/** One of the other side's tracks as consumed here, with what it carries. */
export interface RemoteTrack {
  readonly producerId: string;
  readonly source: MediaSource;
  readonly consumer: types.Consumer;
}

/**
 * The other side's producers consumed on one receive transport, the kiosk's and the console's
 * alike: each consumed once (a new-producer event and list-producers can name the same producer
 * while a negotiation runs), dropped when its producer closes, `onChange` told after each change.
 */
export class RemoteConsumers {
  private readonly consumed = new Map<string, RemoteTrack>();
  /** Producers being consumed or consumed. */
  private readonly claimed = new Set<string>();
  private closed = false;
  /**
   * The consumptions, one after another in the order the producers were announced (the camera
   * first): the platform answers a socket's requests in order, so a microphone's `consume` sent
   * while the camera's consumer is being made went ahead of the camera's `resume-consumer`, and
   * the first frame waited for it. Measured in the call bench (issue 22), alternating call by call
   * at load 12-16: the kiosk's accept → first frame median 296 ms one at a time against 322 ms side
   * by side (15 calls each); the microphone's consumer comes one negotiation later.
   */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly device: Device,
    private readonly signaling: MediaSignaling,
    private readonly recv: types.Transport,
    private readonly onChange: () => void,
  ) {}

  /** Consumes a producer of the other side, unless it is already (being) consumed or this is closed. */
  async consume(producerId: string, source: MediaSource): Promise<void> {
    if (this.closed || this.claimed.has(producerId)) return;
    this.claimed.add(producerId);
    const run = this.queue.then(() => this.consumeNow(producerId, source));
    this.queue = run.catch(() => {});
    return run;
  }

  private async consumeNow(producerId: string, source: MediaSource): Promise<void> {
    if (this.closed) return;
    const consumer = await consumeProducer(this.device, this.signaling, this.recv, producerId);
    if (this.closed) return consumer.close();
    this.consumed.set(producerId, { producerId, source, consumer });
    this.onChange();
  }

  /** The producer closed on the other side: its consumer goes (a later one with that id is consumed again). */
  producerClosed(producerId: string): void {
    const track = this.consumed.get(producerId);
    this.claimed.delete(producerId);
    if (!track) return;
    track.consumer.close();
    this.consumed.delete(producerId);
    this.onChange();
  }

  /** The live ones, in the order they were consumed. */
  live(): RemoteTrack[] {
    return [...this.consumed.values()].filter((t) => !t.consumer.closed);
  }

  close(): void {
    this.closed = true;
    this.consumed.clear();
    this.claimed.clear();
  }
}
