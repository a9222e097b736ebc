import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi } from '../../common/ipc/contract';
import { FlowProvider } from '../app/flow-context';
import { PreferencesProvider, type Preferences } from '../app/preferences';
import type { Language } from '../i18n/i18n';

/** Renders a screen inside the providers with a recording `send`; no kiosk api (no call, no devices). */
export function renderScreen(
  ui: ReactElement,
  view: FlowView,
  options: { language?: Language; api?: KioskApi | null } = {},
) {
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
