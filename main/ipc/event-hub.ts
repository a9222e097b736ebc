import { kioskContract, type EventName, type EventPayload } from '../../common/ipc/contract';

type Sink = (channel: string, payload: unknown) => void;

/**
 * Main → screens events. Services emit typed payloads; every connected shell (a WebSocket client,
 * an Electron window) registers a sink. Payloads are validated against the contract before they
 * leave, so a service bug shows up here, named, instead of as a confused screen.
 */
export class KioskEventHub {
  readonly #sinks = new Set<Sink>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const entry = kioskContract.events[name];
    const checked = entry.payload.parse(payload);
    for (const sink of this.#sinks) sink(entry.channel, checked);
  }

  /** Registers a sink; returns the function that removes it. */
  attach(sink: Sink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }
}
