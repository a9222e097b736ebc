import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Shows the identity read or typed; the patient confirms it is theirs. */
export function IdentityConfirmScreen() {
  const { t, i18n } = useTranslation();
  const { view, send } = useFlow();
  const identity = view.identification.identity;
  return (
    <ScreenFrame name="identity-confirm" text="confirm" back>
      {identity && (
        <dl className="summary">
          <dt>{t('manual.lastName')}</dt>
          <dd>{identity.lastName}</dd>
          <dt>{t('manual.firstName')}</dt>
          <dd>{identity.firstName}</dd>
          <dt>{t('manual.birthDate')}</dt>
          <dd>{formatBirthDate(identity.birthDate, i18n.language)}</dd>
        </dl>
      )}
      <div className="button-row">
        <button type="button" onClick={() => send({ type: 'REJECT_IDENTITY' })}>
          <span aria-hidden="true">✖ </span>
          {t('confirm.no')}
        </button>
        <button type="button" className="primary" onClick={() => send({ type: 'CONFIRM_IDENTITY' })}>
          <span aria-hidden="true">✔ </span>
          {t('confirm.yes')}
        </button>
      </div>
    </ScreenFrame>
  );
}

/** DD/MM/YYYY as printed on French documents; lunar dates (00) stay as read. */
export function formatBirthDate(iso: string, _language: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
