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
  const { t } = useTranslation();
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
            <CabinSeen cabin={cabin} />
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

/** Why an out-of-service cabin is out: its screens failed for good, or when it last reported. */
function CabinSeen({ cabin }: { cabin: Cabin }) {
  const { t, i18n } = useTranslation();
  if (cabin.screenFailed)
    return (
      <p className="cabin-seen" data-testid="cabin-screen-failed">
        {t('cabins.screenFailed')}
      </p>
    );
  if (cabin.state !== 'out-of-service') return null;
  return (
    <p className="cabin-seen">
      {cabin.lastSeen
        ? t('cabins.lastSeen', { time: clockTime(cabin.lastSeen, i18n.language) })
        : t('cabins.neverSeen')}
    </p>
  );
}
