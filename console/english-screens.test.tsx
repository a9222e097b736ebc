import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultationReport, DoctorEvent, QueueItem } from '../common/signaling/messages';
import type { SocketLike } from '../common/net/socket-connection';
import { FakeSocket } from '../common/net/testing/fake-socket';
import { App } from './App';
import { consoleResources, createConsoleI18n } from './i18n';
import type { ConsultationMediaEvents } from './consultation-media';
import { ALL_DEVICES, oximetry, temperature } from './vitals-fixtures';

// WebRTC is the e2e's (e2e/console); here the media session only reports the doctor's camera refused.
const media = vi.hoisted(() => ({ events: null as ConsultationMediaEvents | null }));
vi.mock('./consultation-media', () => ({
  prepareDevice: () => Promise.resolve(),
  ConsultationMedia: class {
    constructor(_client: unknown, events: ConsultationMediaEvents) {
      media.events = events;
    }
    start = () => {
      media.events!.onError('call.localMediaUnavailable');
      return Promise.resolve();
    };
    handle = (_event: DoctorEvent) => Promise.resolve();
    close = () => {};
    stats = () => Promise.resolve(null);
  },
}));

beforeEach(() => {
  sessionStorage.clear();
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(window, 'fetch').mockResolvedValue(new Response('{}', { status: 503 }));
});
afterEach(cleanup);

type Request = { type: string; id: string } & Record<string, unknown>;
const doctor = { id: 'd1', name: 'Dr Claire Martin', rpps: '10000000001' };
const scope = { specialties: ['general-practice', 'paediatrics'], territories: ['75'] };
const session = { token: 'a'.repeat(32), expiresAt: '2099-01-01T00:00:00.000Z', doctor, scope, onDuty: true };
// Patient data in words that are neither French nor English, so whatever French shows is the console's.
const item: QueueItem = {
  consultationId: 'c1',
  kioskId: 'k1',
  ageYears: 41,
  specialty: 'general-practice',
  territory: '75',
  reason: 'Xyz',
  waitingSince: new Date().toISOString(),
  position: 1,
  kioskConnected: false,
};
const measurements = [
  oximetry({ modelName: 'Contec CMS50D+' }),
  temperature(),
  oximetry({ valid: false, flags: ['finger-out'] }),
];
const report: ConsultationReport = {
  consultationId: 'c1',
  kioskId: 'k1',
  sessionId: 's1',
  doctor,
  specialty: 'general-practice',
  reason: 'Xyz',
  acceptedAt: '2026-11-22T10:00:00.000Z',
  endedAt: '2026-11-22T10:12:00.000Z',
  durationSeconds: 720,
  identityVerified: true,
  measurements,
  notes: 'Xyz',
  prescription: null,
};

function answer(r: Request): unknown {
  if (r.type === 'sign-in' || r.type === 'resume-session') return session;
  if (r.type === 'subscribe-queue') return { entries: [item], doctorsOnDuty: 1, ownCall: null };
  if (r.type === 'accept') {
    const identity = {
      lastName: 'XYZ',
      firstName: 'Xyz',
      birthDate: '1984-06-15',
      nir: '284067512345610',
      source: 'manual',
    };
    return { consultationId: 'c1', kioskId: 'k1', queueEntry: item, identity, devices: ALL_DEVICES, measurements };
  }
  if (r.type === 'end-call') return { report };
  return {};
}

function createSocket(): SocketLike {
  const socket = new (class extends FakeSocket {
    override send(data: string) {
      super.send(data);
      const request = JSON.parse(data) as Request;
      queueMicrotask(() => this.receive({ type: 'response', id: request.id, ok: true, result: answer(request) }));
    }
  })();
  queueMicrotask(() => socket.open());
  return socket;
}

const fr: Record<string, string> = consoleResources.fr.translation;
const en = consoleResources.en.translation as Record<string, string>;
/** The French sentences that English says otherwise (a French word left on screen would be one). */
const FRENCH_ONLY = Object.keys(fr)
  .filter((k) => fr[k] !== en[k] && !fr[k]!.includes('{{') && fr[k]!.length > 3 && k !== 'lang.switch')
  .map((k) => fr[k]!);

/** The words of the screen: its text, and what it says to a screen reader or on hover. */
function shownWords(): string {
  const attributes = [...document.body.querySelectorAll('[title],[aria-label],[placeholder],[alt]')].flatMap((e) =>
    ['title', 'aria-label', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? ''),
  );
  // The language switch names French in French, on purpose (marked lang="fr").
  // "département" is the administrative unit's own name, in English too, as MSSanté is the secure
  // health messaging's.
  const text = document.body.textContent
    .replace(consoleResources.en.translation['lang.switch'], '')
    .replace(/départements?/gi, '')
    .replace(/MSSanté/g, '');
  return [text, ...attributes].join('\n');
}

function expectNoFrench(screenName: string) {
  const words = shownWords();
  expect(
    FRENCH_ONLY.filter((sentence) => words.includes(sentence)),
    screenName,
  ).toEqual([]);
  expect(words.match(/[àâçéèêîôûùœ]|\bil y a\b|\bpouls\b|\bnon valide\b/gi), screenName).toBeNull();
}

describe('the console in English', () => {
  it('shows no French on sign-in, queue, consultation and report', async () => {
    render(<App url="ws://platform.test/signal" createSocket={createSocket} i18n={createConsoleI18n('en')} />);
    await screen.findByTestId('sign-in');
    expectNoFrench('sign-in');

    fireEvent.change(screen.getByTestId('sign-in-email'), { target: { value: 'dr@kiosk.test' } });
    fireEvent.change(screen.getByTestId('sign-in-password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await screen.findByTestId('queue-row');
    expectNoFrench('queue');

    fireEvent.click(screen.getByTestId('queue-accept'));
    await screen.findByTestId('consultation');
    await screen.findByTestId('call-error');
    expect(screen.getByTestId('call-error').textContent).toContain('camera and microphone unavailable');
    expectNoFrench('consultation');

    await act(async () => fireEvent.click(screen.getByTestId('end-call')));
    await screen.findByTestId('report');
    expect(screen.getByTestId('report-measurements').textContent).toContain('Temperature 38.4 °C');
    expectNoFrench('report');
  });

  it('switches back to French from the header', async () => {
    render(<App url="ws://platform.test/signal" createSocket={createSocket} i18n={createConsoleI18n('en')} />);
    await screen.findByTestId('sign-in');
    fireEvent.click(screen.getByTestId('language-switch'));
    expect(screen.getByTestId('sign-in-submit').textContent).toBe('Se connecter');
    expect(screen.getByTestId('language-switch').getAttribute('lang')).toBe('en');
  });
});
