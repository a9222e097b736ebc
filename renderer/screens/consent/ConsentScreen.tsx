import { forwardRef, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SECONDARY_USES, type SecondaryUse, type SecondaryUseAnswer } from '../../../common/consent/consent-record';
import { consentTextSha256 } from '../../../common/consent/consent-text';
import { useFlow } from '../../app/flow-context';
import { ScreenFrame } from '../../components/ScreenFrame';
import { ConsentScroll } from './ConsentScroll';
import { SecondaryUseQuestion } from './SecondaryUseQuestion';
import './consent.css';

const RECIPIENTS = ['doctor', 'platform', 'pharmacist', 'insurance'] as const;
const LANGUAGES = ['fr', 'en', 'es', 'ar'] as const;
type UseNodes = Partial<Record<SecondaryUse, HTMLDivElement | null>>;

/**
 * The teleconsultation's consent text with its version and who gets data, then each optional use
 * with its own text, version and yes/no (no answer counts as no). Each answer goes with the SHA-256
 * of exactly its text as rendered in the patient's language, so what they agreed to can be proved
 * after the text changes. The texts scroll in their own region (ConsentScroll) and the answer
 * stays under it, in sight on the kiosk's screen in every language and in large text (issue 16).
 */
export function ConsentScreen() {
  const { t } = useTranslation();
  const { view } = useFlow();
  const [answers, setAnswers] = useState<Partial<Record<SecondaryUse, boolean>>>(
    view.consent.secondaryUse ? { research: true } : {},
  );
  const shown = useRef<HTMLElement>(null);
  const useTexts = useRef<UseNodes>({});
  const answer = useConsentAnswer(shown, useTexts, answers);
  return (
    <ScreenFrame name="consent" text="consent" back>
      <ConsentScroll>
        <ConsentText ref={shown} />
        <h2 className="consent-optional">{t('consent.optionalTitle')}</h2>
        <div className="consent-uses">
          {SECONDARY_USES.map((use) => (
            <SecondaryUseQuestion
              key={use}
              use={use}
              value={answers[use] ?? null}
              onChange={(granted) => setAnswers((a) => ({ ...a, [use]: granted }))}
              ref={(node) => {
                useTexts.current[use] = node;
              }}
            />
          ))}
        </div>
        <p className="muted" data-testid="consent-withdraw">
          {t('consent.withdrawLater')}
        </p>
      </ConsentScroll>
      <div className="button-row consent-answer">
        <button type="button" onClick={() => answer(false)}>
          <span aria-hidden="true">✖ </span>
          {t('consent.refuse')}
        </button>
        <button type="button" className="primary" onClick={() => answer(true)}>
          <span aria-hidden="true">✔ </span>
          {t('consent.accept')}
        </button>
      </div>
    </ScreenFrame>
  );
}

/** The teleconsultation's text, its version (the language's own) and who receives data: what its hash covers. */
const ConsentText = forwardRef<HTMLElement>(function ConsentText(_props, ref) {
  const { t } = useTranslation();
  return (
    <section className="consent-text" aria-labelledby="consent-text-heading" ref={ref}>
      <h2 id="consent-text-heading">{t('consent.textTitle')}</h2>
      <p>{t('consent.text')}</p>
      <p className="muted" data-testid="consent-version">
        {t('consent.version', { version: t('consent.textVersion') })}
      </p>
      <h2>{t('consent.recipientsTitle')}</h2>
      <ul>
        {RECIPIENTS.map((r) => (
          <li key={r}>{t(`consent.recipients.${r}`)}</li>
        ))}
      </ul>
    </section>
  );
});

/** Sends the answer with the hashes of the texts on screen; a secondary use is granted only with the teleconsultation. */
function useConsentAnswer(
  shown: React.RefObject<HTMLElement | null>,
  useTexts: React.RefObject<UseNodes>,
  answers: Partial<Record<SecondaryUse, boolean>>,
) {
  const { t, i18n } = useTranslation();
  const { send } = useFlow();
  const textVersion = t('consent.textVersion');
  return (teleconsultation: boolean) => {
    const language = LANGUAGES.find((l) => l === i18n.language);
    const text = shown.current?.textContent ?? '';
    const granted = (use: SecondaryUse) => teleconsultation && answers[use] === true;
    const versioned = (u: { use: SecondaryUse; textSha256: string }) => ({
      ...u,
      granted: granted(u.use),
      textVersion: t(`consent.uses.${u.use}.version`),
    });
    void hashAll(text, useTexts.current).then(
      ({ textSha256, uses }) =>
        send({
          type: 'CONSENT_SUBMIT',
          teleconsultation,
          secondaryUse: granted('research'),
          textVersion,
          ...(language && text ? { language, textSha256 } : {}),
          ...(language && uses ? { uses: uses.map(versioned) } : {}),
        }),
      () => send({ type: 'CONSENT_SUBMIT', teleconsultation, secondaryUse: granted('research'), textVersion }),
    );
  };
}

/** The hashes of the teleconsultation text and of each use's text; `uses` null when one is not on screen. */
async function hashAll(
  text: string,
  nodes: UseNodes,
): Promise<{ textSha256: string; uses: Omit<SecondaryUseAnswer, 'granted' | 'textVersion'>[] | null }> {
  const textSha256 = await consentTextSha256(text);
  const texts = SECONDARY_USES.map((use) => ({ use, text: nodes[use]?.textContent ?? '' }));
  if (texts.some((u) => u.text === '')) return { textSha256, uses: null };
  const uses = await Promise.all(texts.map(async (u) => ({ use: u.use, textSha256: await consentTextSha256(u.text) })));
  return { textSha256, uses };
}
