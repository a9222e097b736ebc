import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { IntentButton } from '../../components/IntentButton';
import { ScreenFrame } from '../../components/ScreenFrame';
import { formatBirthDate } from '../identity-confirm/IdentityConfirmScreen';

/**
 * A Carte Vitale carries the holder and their dependants: the patient touches their own name (one
 * large button a person). A beneficiary the card could not read is said plainly, with the typed
 * path for whoever it was.
 */
export function IdentifyChooseScreen() {
  const { t, i18n } = useTranslation();
  const { view } = useFlow();
  const card = view.identification.beneficiaries;
  const people = card?.beneficiaries ?? [];
  const unreadable = card?.unreadable ?? 0;
  return (
    <ScreenFrame name="identify-choose" text="choose" back>
      {unreadable > 0 && (
        <p className="unreadable-notice" role="status" data-testid="unreadable-beneficiaries">
          {t('choose.unreadable', { count: unreadable })}
        </p>
      )}
      <ul className="beneficiaries">
        {people.map((person, index) => (
          <li key={`${person.nir}-${index}`}>
            <IntentButton
              className="huge"
              label={t('choose.person', {
                firstName: person.firstName,
                lastName: person.lastName,
                birthDate: formatBirthDate(person.birthDate, i18n.language),
              })}
              intention={{ type: 'CHOOSE_BENEFICIARY', index }}
            />
          </li>
        ))}
      </ul>
      <IntentButton icon="⌨" label={t('choose.notListed')} intention={{ type: 'TYPE_DETAILS' }} />
    </ScreenFrame>
  );
}
