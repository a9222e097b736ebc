import { useTranslation } from 'react-i18next';
import { birthplaceByCode, birthplaceLabel } from '../../../common/identity/birthplaces';
import { IntentButton } from '../../components/IntentButton';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

/** Shows the identity read or typed; the patient confirms it is theirs. */
export function IdentityConfirmScreen() {
  const { t, i18n } = useTranslation();
  const { view } = useFlow();
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
          {identity.traits && (
            // Typed without an NIR: the traits given back too, and that they will be checked.
            <>
              <dt>{t('manual.sex')}</dt>
              <dd>{t(`manual.sexes.${identity.traits.sex}`)}</dd>
              <dt>{t('manual.bornWhere')}</dt>
              <dd>{labelOf(identity.traits.birthplaceCode)}</dd>
              {identity.traits.usedName && (
                <>
                  <dt>{t('manual.usedName')}</dt>
                  <dd>{identity.traits.usedName}</dd>
                </>
              )}
            </>
          )}
        </dl>
      )}
      {identity?.traits && (
        <p className="note" data-testid="identity-provisional">
          {t('confirm.provisional')}
        </p>
      )}
      <div className="button-row">
        <IntentButton icon="✖" label={t('confirm.no')} intention={{ type: 'REJECT_IDENTITY' }} />
        <IntentButton icon="✔" label={t('confirm.yes')} className="primary" intention={{ type: 'CONFIRM_IDENTITY' }} />
      </div>
    </ScreenFrame>
  );
}

/** DD/MM/YYYY as printed on French documents; lunar dates (00) stay as read. */
export function formatBirthDate(iso: string, _language: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The birthplace's name and département (or country), or its code when the kiosk's lists do not hold it. */
function labelOf(code: string): string {
  const place = birthplaceByCode(code);
  return place ? birthplaceLabel(place) : code;
}
