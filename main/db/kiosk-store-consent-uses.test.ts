import { describe, expect, it } from 'vitest';
import { SAMPLE_CONSENT } from '../../common/records/testing/samples';
import { ManualClock } from '../../common/util/testing/manual-clock';
import { KioskStore } from './kiosk-store';

const USES = [
  { use: 'research' as const, granted: false, textVersion: '2026-12-fr.1', textSha256: 'a'.repeat(64) },
  { use: 'gp-report' as const, granted: true, textVersion: '2026-12-fr.1', textSha256: 'b'.repeat(64) },
  { use: 'reminders' as const, granted: false, textVersion: '2026-12-fr.1', textSha256: 'c'.repeat(64) },
];

describe('kiosk store: consent per use', () => {
  it('sends each secondary use answer, with its own text hash, to the platform in the consent record', () => {
    const store = KioskStore.open({ file: ':memory:', key: null, clock: new ManualClock() });
    store.openSession({ id: 's-1', kioskId: 'k-1', startedAt: '2026-12-06T10:00:00.000Z' });
    store.saveConsent('s-1', { ...SAMPLE_CONSENT, language: 'fr', textSha256: 'd'.repeat(64), uses: USES });
    const consent = store.outbox.pending(10).find((p) => p.item.kind === 'consent');
    expect(consent?.item.payload).toMatchObject({ language: 'fr', uses: USES });
    store.close();
  });
});
