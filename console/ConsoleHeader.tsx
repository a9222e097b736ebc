import type { DoctorInfo } from '../common/signaling/messages';
import type { Lang, Translate } from './i18n';
import { ShortcutHelp } from './ShortcutHelp';

export interface ConsoleHeaderProps {
  /** On duty for the live queue (null: nobody signed in, no toggle). */
  onDuty: boolean | null;
  onDutyChange(onDuty: boolean): void;
  t: Translate;
  lang: Lang;
  onLang(lang: Lang): void;
  /** The signed-in doctor (null: no name, no sign-out). */
  doctor: DoctorInfo | null;
  onSignOut(): void;
  /** Signing out is not offered during a call (end it first). */
  inCall: boolean;
}

/** The title bar: the doctor's name, the on-duty toggle, the shortcuts, the language switch, sign out. */
export function ConsoleHeader({
  t,
  lang,
  onLang,
  doctor,
  onSignOut,
  inCall,
  onDuty,
  onDutyChange,
}: ConsoleHeaderProps) {
  return (
    <header className="top">
      <h1>{t('app.title')}</h1>
      <span className="spacer" />
      {doctor && <span data-testid="doctor-name">{doctor.name}</span>}
      {doctor && onDuty !== null && (
        // A toggle: the label stays, aria-pressed and the mark say the state (words in the queue view).
        <button
          type="button"
          className={onDuty ? 'duty on' : 'duty off'}
          data-testid="duty-toggle"
          aria-pressed={onDuty}
          title={t(onDuty ? 'duty.isOn' : 'duty.isOff')}
          onClick={() => onDutyChange(!onDuty)}
        >
          <span aria-hidden="true">{onDuty ? '● ' : '○ '}</span>
          {t('duty.toggle')}
        </button>
      )}
      {doctor && <ShortcutHelp />}
      {/* Named in the language it switches to, and marked so (a screen reader reads it in that language). */}
      <button
        type="button"
        className="link"
        lang={lang === 'fr' ? 'en' : 'fr'}
        data-testid="language-switch"
        onClick={() => onLang(lang === 'fr' ? 'en' : 'fr')}
      >
        {t('lang.switch')}
      </button>
      {doctor && (
        <button type="button" data-testid="sign-out" onClick={onSignOut} disabled={inCall}>
          {t('signOut')}
        </button>
      )}
    </header>
  );
}
