import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi } from '../../common/ipc/contract';
import { FlowProvider } from '../app/flow-context';
import { SCREENS } from '../app/screen-for-step';
import { PreferencesProvider, type Preferences } from '../app/preferences';
import type { Language } from '../i18n/i18n';
import { flowViewFixture, type Overrides } from './flow-view-fixture';

type RenderOptions = { language?: Language; api?: KioskApi | null };

/** Renders the screen of `step` on the test view of that step, with any part of it overridden. */
export function renderStep(step: keyof typeof SCREENS, overrides: Overrides = {}, options: RenderOptions = {}) {
  const Screen = SCREENS[step];
  return renderScreen(<Screen />, flowViewFixture(step, overrides), options);
}

/** Renders a screen inside the providers with a recording `send`; no kiosk api (no call, no devices). */
export function renderScreen(ui: ReactElement, view: FlowView, options: RenderOptions = {}) {
  const send = vi.fn<(intention: FlowIntention) => void>();
  const preferences: Preferences = {
    language: options.language ?? 'fr',
    largeText: false,
    highContrast: false,
    audioGuidance: false,
  };
  const result = render(
    <PreferencesProvider initial={preferences}>
      <FlowProvider value={{ view, send, api: options.api ?? null }}>{ui}</FlowProvider>
    </PreferencesProvider>,
  );
  return { ...result, send };
}
