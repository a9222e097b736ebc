import { useTranslation } from 'react-i18next';
import type { Cabin, CabinState } from '../common/pharmacy/cabins';
import { clockTime } from './AlertList';
import { CabinUpkeep } from './CabinUpkeep';

/** A sign per state, so the state is never told by colour alone. */
const SIGN: Record<CabinState, string> = {
  free: '○',
  occupied: '●',
  waiting: '⏳',
  'in-consultation': '🎥',
  'help-requested': '☎',
  'out-of-service': '⛔',
};

/** Each cabin of the pharmacy with its state (never who is in it). */
export function CabinGrid({ cabins }: { cabins: readonly Cabin[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="cabins" aria-labelledby="cabins-title">
      <h2 id="cabins-title">{t('cabins.title')}</h2>
      {cabins.length === 0 && <p>{t('cabins.none')}</p>}
      <ul>
        {cabins.map((cabin) => (
          <li
            key={cabin.kioskId}
            className={`cabin ${cabin.state}`}
            data-testid="cabin"
            data-kiosk-id={cabin.kioskId}
            data-state={cabin.state}
          >
            <p className="cabin-label">{cabin.label}</p>
            <p className="cabin-state">
              <span aria-hidden="true">{SIGN[cabin.state]} </span>
              {t(`cabins.state.${cabin.state}`)}
            </p>
            {cabin.state === 'out-of-service' && (
              <p className="cabin-seen">
                {cabin.lastSeen
                  ? t('cabins.lastSeen', { time: clockTime(cabin.lastSeen, i18n.language) })
                  : t('cabins.neverSeen')}
              </p>
            )}
            {cabin.devicesOutOfService.map((device) => (
              <p
                className="cabin-device-out"
                data-testid="cabin-device-out"
                data-device-id={device.deviceId}
                key={device.deviceId}
              >
                <span aria-hidden="true">⛔ </span>
                {t('cabins.deviceOut', {
                  device: t(`cabins.device.${device.kind}`),
                  reason: t(`cabins.calibration.${device.calibration}`),
                })}
              </p>
            ))}
            <CabinUpkeep cabin={cabin} />
          </li>
        ))}
      </ul>
    </section>
  );
}
