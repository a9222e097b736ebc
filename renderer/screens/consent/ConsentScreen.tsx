import { useRef, useState } from 'react';
import { consentTextSha256 } from '../../../common/consent/consent-text';
import { useTranslation } from 'react-i18next';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';

const RECIPIENTS = ['doctor', 'platform', 'pharmacist', 'insurance'] as const;

/** The consent text with its version, the mandatory consent, the optional secondary use, who gets data. */
export function ConsentScreen() {
  const { t, i18n } = useTranslation();
  const { view, send } = useFlow();
  const [secondaryUse, setSecondaryUse] = useState(view.consent.secondaryUse);
  const shown = useRef<HTMLElement>(null);
  /**
   * The answer goes with the SHA-256 of exactly the text on screen (the section's text as rendered,
   * in the patient's language), so what they agreed to can be proved after the text changes.
   */
  const answer = (teleconsultation: boolean, secondary: boolean) => {
    const language = ['fr', 'en', 'es', 'ar'].find((l) => l === i18n.language) as 'fr' | 'en' | 'es' | 'ar' | undefined;
    const text = shown.current?.textContent ?? '';
    void consentTextSha256(text).then(
      (textSha256) =>
        send({
          type: 'CONSENT_SUBMIT',
          teleconsultation,
          secondaryUse: secondary,
          ...(language && text ? { language, textSha256 } : {}),
        }),
      () => send({ type: 'CONSENT_SUBMIT', teleconsultation, secondaryUse: secondary }),
    );
  };
  return (
    <ScreenFrame name="consent" text="consent" back>
      <section className="consent-text" aria-labelledby="consent-text-heading" ref={shown}>
        <h2 id="consent-text-heading">{t('consent.textTitle')}</h2>
        <p>{t('consent.text')}</p>
        <p className="muted" data-testid="consent-version">
          {t('consent.version', { version: view.consent.textVersion })}
        </p>
        <h2>{t('consent.recipientsTitle')}</h2>
        <ul>
          {RECIPIENTS.map((r) => (
            <li key={r}>{t(`consent.recipients.${r}`)}</li>
          ))}
        </ul>
      </section>
      <button type="button" className="toggle" aria-pressed={secondaryUse} onClick={() => setSecondaryUse((v) => !v)}>
        <span aria-hidden="true">{secondaryUse ? '☑ ' : '☐ '}</span>
        {t('consent.secondaryUse')}
        <span className="state"> ({secondaryUse ? t('frame.yes') : t('frame.no')})</span>
      </button>
      <div className="button-row">
        <button type="button" onClick={() => answer(false, false)}>
          <span aria-hidden="true">✖ </span>
          {t('consent.refuse')}
        </button>
        <button type="button" className="primary" onClick={() => answer(true, secondaryUse)}>
          <span aria-hidden="true">✔ </span>
          {t('consent.accept')}
        </button>
      </div>
    </ScreenFrame>
  );
}
