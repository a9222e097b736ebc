import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FlowIntention } from '../../common/flow/flow-intention';
import type { FlowView } from '../../common/flow/flow-view';
import type { KioskApi, KioskInfo } from '../../common/ipc/contract';
import { flowViewFixture } from '../testing/flow-view-fixture';
import { App } from './App';
import { PreferencesProvider } from './preferences';
import { setUpScreenTests } from '../testing/screen-tests';

setUpScreenTests();

const info = {
  kioskId: 'k1',
  languages: ['fr', 'en', 'es', 'ar'],
  defaultLanguage: 'fr',
  simulated: true,
} as unknown as KioskInfo;

/** The parts of the kiosk API App uses; the rest is never called in these tests. */
function fakeApi(first: FlowView) {
  let push: (view: FlowView) => void = () => {};
  const api = {
    getFlow: vi.fn(async () => first),
    flowSend: vi.fn(async (_intention: FlowIntention) => ({ accepted: true })),
    onFlowChanged: (listener: (view: FlowView) => void) => {
      push = listener;
      return () => {};
    },
  };
  // Only the members above are reached by App and the screens used here.
  return { api: api as unknown as KioskApi, flowSend: api.flowSend, push: (view: FlowView) => act(() => push(view)) };
}

function renderApp(api: KioskApi) {
  return render(
    <PreferencesProvider initial={{ language: 'fr', largeText: false, highContrast: false, audioGuidance: false }}>
      <App api={api} info={info} />
    </PreferencesProvider>,
  );
}

describe('App', () => {
  it('renders the screen of the current step and follows pushes', async () => {
    const { api, flowSend, push } = fakeApi(flowViewFixture('welcome'));
    renderApp(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Commencer' }));
    expect(flowSend).toHaveBeenCalledWith({ type: 'START' });
    push(flowViewFixture('emergency'));
    expect(screen.getByTestId('screen-emergency')).toBeTruthy();
  });

  it('shows the idle warning with its countdown and answers it with ACTIVITY', async () => {
    const { api, flowSend } = fakeApi(flowViewFixture('reason', { idle: { warning: true, secondsLeft: 25 } }));
    renderApp(api);
    expect((await screen.findByTestId('idle-warning')).textContent).toContain('25 secondes');
    fireEvent.click(screen.getByRole('button', { name: 'Je suis là' }));
    expect(flowSend).toHaveBeenCalledWith({ type: 'ACTIVITY' });
  });

  it('sends ACTIVITY on touches, throttled', async () => {
    const { api, flowSend } = fakeApi(flowViewFixture('consent'));
    renderApp(api);
    await screen.findByTestId('screen-consent');
    const heading = screen.getByRole('heading', { level: 1 });
    fireEvent.pointerDown(heading);
    fireEvent.pointerDown(heading);
    fireEvent.pointerDown(heading);
    expect(flowSend.mock.calls.filter(([i]) => i.type === 'ACTIVITY')).toHaveLength(1);
  });

  it('the help button sends HELP and the banner says only what the platform confirmed', async () => {
    const { api, flowSend, push } = fakeApi(flowViewFixture('consent'));
    renderApp(api);
    fireEvent.click(await screen.findByTestId('help-button'));
    expect(flowSend).toHaveBeenCalledWith({ type: 'HELP' });
    const banner = (state: 'sending' | 'delivered' | 'acknowledged' | 'undelivered' | 'unreachable' | 'unanswered') => {
      push(flowViewFixture('consent', { helpRequested: true, pharmacistAlert: { kind: 'help', state } }));
      return screen.getByTestId('help-banner');
    };
    expect(banner('sending').textContent).toContain('Nous prévenons le pharmacien');
    expect(banner('delivered').textContent).toContain('Le pharmacien est prévenu.');
    expect(banner('delivered').textContent).not.toContain('arrive');
    expect(banner('acknowledged').textContent).toContain('Il arrive.');
    for (const state of ['undelivered', 'unreachable', 'unanswered'] as const) {
      expect(banner(state).textContent).toMatch(/[Aa]llez au comptoir de la pharmacie\.$/);
      expect(banner(state).getAttribute('role')).toBe('alert');
    }
  });

  it('drops the screen state when the session changes (nothing typed survives a wipe)', async () => {
    const { api, push } = fakeApi(flowViewFixture('locality'));
    renderApp(api);
    for (const c of 'PARIS') fireEvent.click(await screen.findByRole('button', { name: c }));
    expect(screen.getByLabelText<HTMLInputElement>(/Commune/).value).toBe('PARIS');
    push(flowViewFixture('welcome'));
    push(flowViewFixture('locality', { sessionId: '11111111-2222-4333-8444-555555555555' }));
    expect(screen.getByLabelText<HTMLInputElement>(/Commune/).value).toBe('');
    expect(document.body.textContent).not.toContain('PARIS');
  });
});
