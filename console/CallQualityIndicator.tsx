import { useEffect, useState, type RefObject } from 'react';
import { callQuality, receiveSample, type CallQuality, type ReceiveSample } from '../common/media/call-quality';
import { formatValue } from './format';
import { useLang, useT, type MessageKey } from './i18n';
import type { ConsultationMedia } from './consultation-media';

/** How often the receive side is sampled: often enough to see a link degrade, cheap for getStats. */
const SAMPLE_MS = 2000;

/** The call's quality over the last interval, sampled from the receive transport; null until two samples. */
export function useCallQuality(media: RefObject<ConsultationMedia | null>, intervalMs = SAMPLE_MS): CallQuality | null {
  const [quality, setQuality] = useState<CallQuality | null>(null);
  useEffect(() => {
    let previous: ReceiveSample | null = null;
    const tick = setInterval(() => {
      void media.current?.receiveStats().then((report) => {
        if (!report) return;
        const sample = receiveSample(report, Date.now());
        const q = previous && callQuality(previous, sample);
        previous = sample;
        if (q) setQuality(q);
      });
    }, intervalMs);
    return () => clearInterval(tick);
  }, [media, intervalMs]);
  return quality;
}

/**
 * What the doctor reads of the link: a verdict in words (not only a colour) and the figures behind
 * it, bitrate received, packets lost and round trip, so a poor call can be told from a poor camera.
 */
export function CallQualityIndicator({ quality }: { quality: CallQuality | null }) {
  const t = useT();
  const lang = useLang();
  if (!quality) return null;
  const figures = [
    `${Math.round(quality.bitrateKbps)} kbit/s`,
    `${t('quality.loss')} ${formatValue(quality.lossPercent, 1, lang)} %`,
    quality.rttMs === null ? null : `${t('quality.rtt')} ${Math.round(quality.rttMs)} ms`,
  ].filter(Boolean);
  return (
    <p
      className={`call-quality ${quality.level}`}
      role="status"
      data-testid="call-quality"
      data-level={quality.level}
      data-kbps={Math.round(quality.bitrateKbps)}
    >
      <strong>{t(`quality.${quality.level}` as MessageKey)}</strong> · {figures.join(' · ')}
    </p>
  );
}
