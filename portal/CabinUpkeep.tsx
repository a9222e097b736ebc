import { useTranslation } from 'react-i18next';
import type { Cabin } from '../common/pharmacy/cabins';
import { clockTime } from './AlertList';

/**
 * A cabin's printer and hygiene as its kiosk last reported them: a print failure first, with what
 * to do (it stays until a print completes), then the paper and supplies levels the printer gives,
 * then whether the hygiene checklist was done after the last patient, and when.
 */
export function CabinUpkeep({ cabin }: { cabin: Cabin }) {
  return (
    <>
      <PrintFailureNotice cabin={cabin} />
      <Consumables cabin={cabin} />
      <HygieneLine cabin={cabin} />
    </>
  );
}

function PrintFailureNotice({ cabin }: { cabin: Cabin }) {
  const { t, i18n } = useTranslation();
  const failure = cabin.printFailure;
  if (failure === null) return null;
  const at = cabin.printer?.lastPrint?.at;
  return (
    <div className="cabin-print-failure" role="alert" data-testid="cabin-print-failure" data-failure={failure}>
      <p>
        <span aria-hidden="true">🖨 ⚠ </span>
        <strong>{t(`cabins.print.failure.${failure}`)}</strong>
        {at && failure !== 'missing' ? ` — ${clockTime(at, i18n.language)}` : ''}
      </p>
      <p>{t(`cabins.print.action.${failure}`)}</p>
    </div>
  );
}

function Consumables({ cabin }: { cabin: Cabin }) {
  const { t } = useTranslation();
  const printer = cabin.printer;
  if (printer === null || !printer.reachable) return null;
  const level = (percent: number | null) =>
    percent === null ? t('cabins.print.levelUnknown') : t('cabins.print.level', { percent });
  return (
    <ul className="cabin-consumables" data-testid="cabin-consumables" aria-label={t('cabins.print.consumables')}>
      {printer.paper.map((tray) => (
        <li key={`paper-${tray.name}`} data-testid="cabin-paper" data-level={tray.levelPercent ?? ''}>
          {tray.levelPercent === 0 && <span aria-hidden="true">⚠ </span>}
          {t('cabins.print.paper', {
            // IPP's tray keywords: the usual ones named in the pharmacist's language, any other as given.
            tray: t(`cabins.print.tray.${tray.name}`, { defaultValue: tray.name }),
            level: level(tray.levelPercent),
          })}
        </li>
      ))}
      {printer.supplies.map((supply) => (
        <li key={`supply-${supply.name}`} data-testid="cabin-supply">
          {t('cabins.print.supply', { name: supply.name, level: level(supply.levelPercent) })}
        </li>
      ))}
    </ul>
  );
}

function HygieneLine({ cabin }: { cabin: Cabin }) {
  const { t, i18n } = useTranslation();
  const hygiene = cabin.hygiene;
  if (hygiene === null) return null;
  const time = (iso: string) => clockTime(iso, i18n.language);
  const text = hygiene.due
    ? hygiene.lastSessionEndedAt
      ? t('cabins.hygiene.dueSince', { time: time(hygiene.lastSessionEndedAt) })
      : t('cabins.hygiene.due')
    : hygiene.confirmedAt
      ? t('cabins.hygiene.done', { time: time(hygiene.confirmedAt) })
      : t('cabins.hygiene.notNeeded');
  return (
    <p className={`cabin-hygiene${hygiene.due ? ' due' : ''}`} data-testid="cabin-hygiene" data-due={hygiene.due}>
      <span aria-hidden="true">{hygiene.due ? '🧽 ⚠ ' : '🧽 ✓ '}</span>
      {text}
    </p>
  );
}
