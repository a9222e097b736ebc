import { useEffect, useMemo } from 'react';
import type { KioskApi, KioskInfo } from '../../common/ipc/contract';
import { stopSpeaking } from '../accessibility/speech';
import { isLanguage, setLanguage, type Language } from '../i18n/i18n';
import { WelcomeScreen } from '../screens/welcome/WelcomeScreen';
import { FlowProvider, type FlowContextValue } from './flow-context';
import { IdleWarning } from './IdleWarning';
import { usePreferences } from './preferences';
import { SCREENS } from './screen-for-step';
import { StaffCorner } from './StaffCorner';
import { TopBar } from './TopBar';
import { useFlowSend } from './use-flow-send';
import { useFlowView } from './use-flow-view';

/**
 * The shell every screen lives in: help button always visible, preference classes on the root,
 * the screen for the flow's current step. Nothing here decides flow: touches become intentions.
 */
export function App({ api, info }: { api: KioskApi; info: KioskInfo }) {
  const { preferences } = usePreferences();
  const { view } = useFlowView(api);

  useEffect(() => {
    void setLanguage(preferences.language);
  }, [preferences.language]);

  const { send, onTouch } = useFlowSend(api, view);
  const context = useMemo<FlowContextValue | null>(() => (view ? { view, send, api } : null), [view, send, api]);

  // Speech belongs to the screen that started it.
  useEffect(() => stopSpeaking, [view?.step]);

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
      <TopBar
        simulated={info.simulated}
        helpRequested={view?.helpRequested ?? false}
        pharmacistAlert={view?.pharmacistAlert ?? null}
        onHelp={() => send({ type: 'HELP' })}
      />
      {/* Welcome keeps its place in the tree while the first view loads, so a touch is never lost. */}
      {Screen && context ? (
        <FlowProvider value={context}>
          <Screen key={`${context.view.sessionId ?? 'none'}:${step}`} />
        </FlowProvider>
      ) : (
        <WelcomeScreen
          languages={languages}
          onStart={() => send({ type: 'START' })}
          onCheckIn={() => send({ type: 'CHECK_IN' })}
        />
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
