import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallQualityIndicator, useCallQuality } from './CallQualityIndicator';
import { I18nextProvider } from 'react-i18next';
import { createConsoleI18n } from './i18n';
import type { ConsultationMedia } from './consultation-media';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A receive transport whose counters grow by `perTick` between two samples. */
function growingStats(perTick: { bytes: number; packets: number; lost: number }) {
  let n = 0;
  return {
    current: {
      receiveStats: async () => {
        n += 1;
        return new Map([
          [
            'in',
            {
              type: 'inbound-rtp',
              bytesReceived: n * perTick.bytes,
              packetsReceived: n * perTick.packets,
              packetsLost: n * perTick.lost,
            },
          ],
          ['pair', { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.12 }],
        ]) as unknown as RTCStatsReport;
      },
    } as unknown as ConsultationMedia,
  };
}

function Probe({ media }: { media: { current: ConsultationMedia | null } }) {
  return <CallQualityIndicator quality={useCallQuality(media, 1000)} />;
}

describe('the call-quality indicator', () => {
  it('says the verdict in words with the figures behind it, from the receive side’s stats', async () => {
    vi.useFakeTimers();
    render(<Probe media={growingStats({ bytes: 125_000, packets: 97, lost: 3 })} />);
    expect(screen.queryByTestId('call-quality')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(2000));
    const shown = screen.getByTestId('call-quality');
    expect(shown.dataset.level).toBe('fair');
    expect(shown.textContent).toBe('Liaison moyenne · 1000 kbit/s · pertes 3,0 % · aller-retour 120 ms');
  });

  it('reads in English too', () => {
    render(
      <I18nextProvider i18n={createConsoleI18n('en')}>
        <CallQualityIndicator quality={{ level: 'poor', bitrateKbps: 80.4, lossPercent: 12.25, rttMs: null }} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Poor link · 80 kbit/s · loss 12.3 %');
  });
});
