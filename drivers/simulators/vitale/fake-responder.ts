import { PcscError } from '../../transport/pcsc/pcsc-transport';
import type { FakeCardResponder } from '../../transport/pcsc/fake-pcsc-transport';
import type { VirtualVitaleCard } from './virtual-vitale';

/**
 * The virtual card behind the FakePcscTransport of unit tests. A pull surfaces as pcscd reports
 * it through vpcd — the exchange fails ("Transaction failed") — and `onPull` lets the test remove
 * the card from the fake reader as pcscd's next poll would.
 */
export function vitaleResponder(card: VirtualVitaleCard, onPull: () => void = () => undefined): FakeCardResponder {
  return (command) => {
    const answer = card.handle(command);
    if (answer.kind === 'response') return answer.bytes;
    onPull();
    return new PcscError('transmit-failed', 'Transaction failed');
  };
}
