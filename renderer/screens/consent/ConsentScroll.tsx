import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The consent's texts in a region of their own that scrolls when they are longer than the screen
 * (large text, longer languages), so that the answer buttons under it never leave the screen. An
 * older patient may not guess that a box scrolls: while text lies below, a large "Read on" button
 * says so and scrolls one region-height at a time; the region also slides with a finger.
 */
export function ConsentScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const region = useRef<HTMLDivElement>(null);
  const more = useMoreBelow(region);
  const readOn = () => {
    const el = region.current;
    if (el) el.scrollBy({ top: el.clientHeight * 0.8, behavior: 'smooth' });
  };
  return (
    <>
      <div
        className="consent-scroll"
        ref={region}
        role="region"
        aria-label={t('consent.region')}
        // Focusable so that a keyboard can scroll it too (axe: scrollable-region-focusable).
        tabIndex={0}
        data-testid="consent-scroll"
      >
        {children}
      </div>
      {more && (
        <button type="button" className="consent-more" data-testid="consent-more" onClick={readOn}>
          <span aria-hidden="true">▼ </span>
          {t('consent.more')}
        </button>
      )}
    </>
  );
}

/** Whether the region has text below what it shows; follows scrolling, resizing and text changes. */
function useMoreBelow(region: React.RefObject<HTMLDivElement | null>): boolean {
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = region.current;
    if (!el) return;
    const update = () => setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 2);
    update();
    el.addEventListener('scroll', update, { passive: true });
    // jsdom has no ResizeObserver: there the region never overflows anyway.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    for (const child of Array.from(el.children)) observer?.observe(child);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [region]);
  return more;
}
