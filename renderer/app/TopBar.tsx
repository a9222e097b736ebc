import { useTranslation } from 'react-i18next';

/**
 * The bar above every screen: the service's name, the simulated-devices notice, and the help button
 * (always there; pressed while help is on its way), with the banner saying help was asked for.
 */
export function TopBar({
  simulated,
  helpRequested,
  onHelp,
}: {
  simulated: boolean;
  helpRequested: boolean;
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
        <p className="help-banner" role="status" data-testid="help-banner">
          <span aria-hidden="true">☎ </span>
          {t('frame.helpRequested')}
        </p>
      )}
    </>
  );
}
