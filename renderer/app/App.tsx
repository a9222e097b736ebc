import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { KioskApi, KioskInfo } from '../../common/ipc/contract';
import { stopSpeaking } from '../accessibility/speech';
import { isLanguage, setLanguage, type Language } from '../i18n/i18n';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen';
import { FlowProvider, type FlowContextValue } from './flow-context';
import { IdleWarning } from './IdleWarning';
import { usePreferences } from './preferences';
import { SCREENS } from './screen-for-step';
import { StaffCorner } from './StaffCorner';
import { useFlowView } from './use-flow-view';

/** ACTIVITY is sent at most this often while the patient touches the screen (ms). */
export const ACTIVITY_THROTTLE_MS = 5_000;

/**
 * The shell every screen lives in: help button always visible, preference classes on the root,
 * the screen for the flow's current step. Nothing here decides flow: touches become intentions.
 */
export function App({ api, info }: { api: KioskApi; info: KioskInfo }) {
  const { t } = useTranslation();
  const { preferences } = usePreferences();
  const { view } = useFlowView(api);
  const lastActivity = useRef(0);

  useEffect(() => {
    void setLanguage(preferences.language);
  }, [preferences.language]);

  const send = useCallback(
    (intention: FlowIntention) => {
      api.flowSend(intention).catch((error: unknown) => {
        console.error(
          'flow intention not delivered',
          intention.type,
          error instanceof Error ? error.message : 'unknown',
        );
      });
    },
    [api],
  );
  const context = useMemo<FlowContextValue | null>(() => (view ? { view, send, api } : null), [view, send, api]);

  // Speech belongs to the screen that started it.
  useEffect(() => stopSpeaking, [view?.step]);

  const onTouch = () => {
    const now = Date.now();
    if (!view || view.step === 'welcome' || now - lastActivity.current < ACTIVITY_THROTTLE_MS) return;
    lastActivity.current = now;
    send({ type: 'ACTIVITY' });
  };

  const languages = info.languages.filter<Language>(isLanguage);
  const classes = ['app', preferences.largeText && 'large-text', preferences.highContrast && 'high-contrast'];
  const step = view?.step ?? 'welcome';
  const Screen = step === 'welcome' ? null : SCREENS[step];

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-kiosk-id={info.kioskId}
      data-step={step}
      onPointerDownCapture={onTouch}
    >
      <header className="top-bar">
        <span className="brand">{t('app.title')}</span>
        {info.simulated && <span className="notice">{t('app.simulated')}</span>}
        <button
          type="button"
          className="help"
          data-testid="help-button"
          aria-pressed={view?.helpRequested ?? false}
          onClick={() => send({ type: 'HELP' })}
        >
          <span aria-hidden="true">☎ </span>
          {t('app.help')}
        </button>
      </header>
      {view?.helpRequested && (
        <p className="help-banner" role="status" data-testid="help-banner">
          <span aria-hidden="true">☎ </span>
          {t('frame.helpRequested')}
        </p>
      )}
      {/* Welcome keeps its place in the tree while the first view loads, so a touch is never lost. */}
      {Screen && context ? (
        <FlowProvider value={context}>
          <Screen key={`${context.view.sessionId ?? 'none'}:${step}`} />
        </FlowProvider>
      ) : (
        <WelcomeScreen languages={languages} onStart={() => send({ type: 'START' })} />
      )}
      {context?.view.idle.warning && (
        <FlowProvider value={context}>
          <IdleWarning secondsLeft={context.view.idle.secondsLeft} />
        </FlowProvider>
      )}
      <StaffCorner api={api} />
    </div>
  );
}
