import { useTranslation } from 'react-i18next';

/** Longest PIN the pad takes (the staff PINs are shorter; this only bounds the field). */
const MAX_PIN = 12;

/** The digits pad of the staff sign-in: the PIN shown as dots, digits, backspace, and sign in. */
export function PinPad({
  pin,
  onChange,
  onSubmit,
}: {
  pin: string;
  onChange: (update: (pin: string) => string) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const add = (d: string) => onChange((p) => (p.length < MAX_PIN ? p + d : p));
  return (
    <>
      <p className="pin-display" aria-label={t('staff.pin')} data-testid="pin-display">
        {'●'.repeat(pin.length) || '—'}
      </p>
      <div className="keyboard keyboard-digits" role="group" aria-label={t('staff.pin')}>
        {['123', '456', '789'].map((row) => (
          <div className="key-row" key={row}>
            {[...row].map((d) => (
              <button key={d} type="button" className="key" onClick={() => add(d)}>
                {d}
              </button>
            ))}
          </div>
        ))}
        <div className="key-row">
          <button
            type="button"
            className="key"
            onClick={() => onChange((p) => p.slice(0, -1))}
            aria-label={t('keyboard.backspace')}
          >
            ⌫
          </button>
          <button type="button" className="key" onClick={() => add('0')}>
            0
          </button>
          <button type="button" className="key primary" disabled={pin.length === 0} onClick={onSubmit}>
            {t('staff.signIn')}
          </button>
        </div>
      </div>
    </>
  );
}
