import { useTranslation } from 'react-i18next';
import { BOOKING_CODE_ALPHABET } from '../../common/routing/appointments';

export type KeyboardLayout = 'letters' | 'digits' | 'email' | 'code';

const LETTER_ROWS = ['AZERTYUIOP', 'QSDFGHJKLM', 'WXCVBN'];
const DIGIT_ROWS = ['123', '456', '789', '0'];
const EMAIL_EXTRA = ['@', '.', '-', '_'];
/** A booking code's characters only (no look-alikes), in rows of 7: nothing else can be typed. */
const CODE_ROWS = [...BOOKING_CODE_ALPHABET].reduce<string[]>(
  (rows, char, i) => (i % 7 === 0 ? [...rows, char] : [...rows.slice(0, -1), rows.at(-1)! + char]),
  [],
);

export interface OnScreenKeyboardProps {
  layout: KeyboardLayout;
  /** A character typed (already upper case for letters). */
  onKey: (char: string) => void;
  onBackspace: () => void;
  /** Adds digits on the letters layout (e.g. Corsican NIR 2A/2B, addresses). */
  withDigits?: boolean;
}

/**
 * Large on-screen keys (≥ 60 px): the kiosk has no physical keyboard and the OS keyboard is never
 * relied on. Fields that use it are read-only inputs so no system keyboard pops up.
 */
export function OnScreenKeyboard({ layout, onKey, onBackspace, withDigits = false }: OnScreenKeyboardProps) {
  const { t } = useTranslation();
  const rows =
    layout === 'digits'
      ? DIGIT_ROWS
      : layout === 'code'
        ? CODE_ROWS
        : [
            ...(withDigits || layout === 'email' ? ['1234567890'] : []),
            ...LETTER_ROWS.map((r) => (layout === 'email' ? r.toLowerCase() : r)),
          ];
  return (
    <div className={`keyboard keyboard-${layout}`} role="group" aria-label={t('keyboard.label')} data-testid="keyboard">
      {rows.map((row) => (
        <div className="key-row" key={row}>
          {[...row].map((char) => (
            <button type="button" className="key" key={char} onClick={() => onKey(char)}>
              {char}
            </button>
          ))}
        </div>
      ))}
      <div className="key-row">
        {layout === 'letters' && (
          <>
            <button type="button" className="key" onClick={() => onKey('-')} aria-label={t('keyboard.hyphen')}>
              -
            </button>
            <button type="button" className="key" onClick={() => onKey("'")} aria-label={t('keyboard.apostrophe')}>
              '
            </button>
            <button type="button" className="key key-wide" onClick={() => onKey(' ')}>
              {t('keyboard.space')}
            </button>
          </>
        )}
        {layout === 'email' &&
          EMAIL_EXTRA.map((char) => (
            <button type="button" className="key" key={char} onClick={() => onKey(char)}>
              {char}
            </button>
          ))}
        <button type="button" className="key key-wide" onClick={onBackspace}>
          <span aria-hidden="true">⌫ </span>
          {t('keyboard.backspace')}
        </button>
      </div>
    </div>
  );
}
