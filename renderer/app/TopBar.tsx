import { useTranslation } from 'react-i18next';
import type { KioskAlertView } from '../../common/pharmacy/alerts';
import { PharmacistAlertNotice } from '../components/PharmacistAlertNotice';

/**
 * The bar above every screen: the service's name, the simulated-devices notice, and the help button
 * (always there; pressed while help is asked for), with the banner saying what came of the call:
 * only what the platform confirmed (alerted, coming), else to go to the counter.
 */
export function TopBar({
  simulated,
  helpRequested,
  pharmacistAlert,
  onHelp,
}: {
  simulated: boolean;
  helpRequested: boolean;
  pharmacistAlert: KioskAlertView | null;
  onHelp: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <header className="top-bar">
        <span className="brand">{t('app.title')}</span>
        {simulated && <span className="notice">{t('app.simulated')}</span>}
        <button type="button" className="help" data-testid="help-button" aria-pressed={helpRequested} onClick={onHelp}>
          <span aria-hidden="true">☎ </span>
          {t('app.help')}
        </button>
      </header>
      {helpRequested && (
        <PharmacistAlertNotice kind="help" alert={pharmacistAlert} className="help-banner" testId="help-banner" />
      )}
    </>
  );
}
