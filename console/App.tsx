/**
 * The doctor console: sign in, the waiting queue, the consultation, the report. The connection and
 * the session live in use-doctor-session.ts, taking a patient in use-accept-patient.ts.
 *
 * Stable data-testid attributes (the e2e tests rely on them; keep them when restyling):
 * - header: `language-switch` (named in the language it switches to)
 * - sign in: `sign-in`, `sign-in-psc` (Pro Santé Connect), `sign-in-form`, `sign-in-email`, `sign-in-password`,
 *   `sign-in-submit` (the password form, development only), `sign-in-error`, `sign-out`
 * - duty: `duty-toggle` (in the header, `aria-pressed` = on duty), `duty-status` (the state in words),
 *   `doctor-scope` (the doctor's specialties and territories)
 * - arrival alerts (queue screen): `arrival-alerts` (`data-sound` on|blocked|none, `data-notifications`
 *   granted|denied|default|unsupported), `arrival-enable`, `arrival-denied`, `arrival-announced`
 * - queue: `queue-row` (one per patient the doctor may take, with `data-consultation-id`), inside it
 *   `queue-waiting`, `queue-age`, `queue-sex`, `queue-specialty`, `queue-place` (`queue-pharmacy`, `queue-town`, `queue-territory`), `queue-reason`, `queue-accept`;
 *   `queue-empty` when nobody waits
 * - call: `consultation`, `remote-video` (the kiosk), `local-video` (the doctor), `peer-state`, `call-error`
 * - identity: `identity`, `identity-name`, `identity-source` (`data-source` card|manual),
 *   `identity-verify`, `identity-mismatch`, `identity-status`
 * - vitals: `vitals-<kind>` blocks (kind: oximetry, temperature, blood-pressure), each with
 *   `record-<kind>` (the reading of record) holding `vital-spo2`, `vital-pulse`, `vital-temperature`,
 *   `vital-systolic`, `vital-diastolic` (the number; absent while `--`), `flag-vital-<…>` (outside the
 *   normal range), `record-meta-<kind>` and `record-meta-<kind>-age`; `live-<kind>` (running values,
 *   "en cours": `live-spo2`, `live-pulse`, `live-temperature`, `live-cuff`, `live-meta-<kind>`),
 *   `pleth-canvas` (`data-samples` = samples received), `trend-<kind>` (`data-count`),
 *   `waiting-<kind>`; marks `unavailable-<kind>`, `connecting-<kind>`, `invalid-<kind>`,
 *   `failed-<kind>`, `unknown-<kind>` (readings but no device status); buttons `measure-<kind>`,
 *   `live-view-<kind>` (`aria-pressed`)
 * - auscultation: `auscultation-panel` (`data-phase`), the body diagrams `ausc-front` and `ausc-back`
 *   with one `site-<site>` button each, `ausc-site`, `ausc-request`, `ausc-end`, `ausc-state`,
 *   `unavailable-stethoscope` / `connecting-stethoscope`, `stethoscope-audio` (`data-sink`),
 *   `stethoscope-output`, `pcg-canvas` (`data-samples`), `ausc-record`, `ausc-recording`,
 *   `ausc-saving`, `ausc-unsaved`, `ausc-clips` with `ausc-clip` (`data-clip-id`, `data-site`)
 * - note: `note`, `note-reason`, `note-history`, `note-examination`, `note-conclusion`,
 *   `note-insert-<kind>` (inserts that reading of record into the examination); `end-call`
 * - prescription editor: `rx-editor`, `rx-line`, `rx-item-<i>`, `rx-dosage-<i>`, `rx-duration-<i>`,
 *   `rx-notes-<i>`, `rx-add`, `rx-remove-<i>` (i from 0)
 * - report: `report`, `report-identity-verified`, `report-measurements`, `report-notes` (with `report-note-<section>`), `report-rx-number`, `report-pdf`,
 *   `report-print`, `report-back`
 */
import { useState } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import type { SocketLike } from '../common/net/socket-connection';
import { ConsoleHeader } from './ConsoleHeader';
import { ConsoleScreens } from './ConsoleScreens';
import { emptyDraft, type ConsultationDraft } from './ConsultationView';
import { shareConsultation } from './share-consultation';
import { createConsoleI18n, useLang, useT, type Lang } from './i18n';
import { signalingUrl } from './platform-client';
import { fetchPrescriptionPdf } from './prescription-pdf';
import type { ArrivalAlerts } from './queue-arrival';
import type { SignInStart } from './pro-sante-connect';
import { useAcceptPatient } from './use-accept-patient';
import { CALL_KEY, useDoctorSession } from './use-doctor-session';
import { useNow } from './use-now';
import { deliveriesApi } from './deliveries-api';

export interface AppProps {
  /** Signalling URL; defaults to the platform that served the page. */
  url?: string;
  /** Where the session token lives (sessionStorage: one tab, gone when it closes). */
  storage?: Storage;
  /** Socket factory (tests pass a fake platform); defaults to the browser's WebSocket. */
  createSocket?: (url: string) => SocketLike;
  /** The sign-ins offered and how a Pro Santé Connect sign-in ended (main.tsx asks before rendering). */
  signInStart?: SignInStart;
  /** The patient-arrival chime and notification (tests pass fakes); defaults to the browser's. */
  arrivalAlerts?: ArrivalAlerts;
  /** The console's i18next instance (tests pass one in English); defaults to a new one, in French. */
  i18n?: i18n;
}

const PASSWORD_ONLY: SignInStart = { methods: { password: true, proSanteConnect: false }, notice: null };

export function App({
  url = signalingUrl(window.location),
  storage = window.sessionStorage,
  createSocket,
  signInStart = PASSWORD_ONLY,
  i18n: given,
  arrivalAlerts,
}: AppProps) {
  const [instance] = useState(() => given ?? createConsoleI18n('fr'));
  return (
    <I18nextProvider i18n={instance}>
      <Console
        url={url}
        storage={storage}
        createSocket={createSocket}
        signInStart={signInStart}
        i18n={instance}
        arrivalAlerts={arrivalAlerts}
      />
    </I18nextProvider>
  );
}

/** The console under its i18next provider: the header and the current screen. */
function Console({
  url,
  storage,
  createSocket,
  signInStart,
  i18n: instance,
  arrivalAlerts,
}: Required<Omit<AppProps, 'createSocket' | 'arrivalAlerts'>> & Pick<AppProps, 'createSocket' | 'arrivalAlerts'>) {
  const lang = useLang();
  const t = useT();
  const changeLanguage = (next: Lang) => {
    document.documentElement.lang = next;
    void instance.changeLanguage(next);
  };
  const now = useNow();
  const session = useDoctorSession({ url, storage, createSocket, initialError: signInStart.notice });
  const { client, screen, setScreen } = session;
  const [draft, setDraft] = useState<ConsultationDraft>(emptyDraft);
  const taking = useAcceptPatient(client, storage, t, (accepted) => {
    setDraft(emptyDraft());
    setScreen({ name: 'call', accepted });
  });

  const openPdf = async (number: string) => {
    const pdf = await fetchPrescriptionPdf(storage, number);
    if (!pdf.ok) return taking.setNotice(t('error.with', { message: `PDF ${pdf.error}` }));
    window.open(URL.createObjectURL(pdf.value), '_blank');
  };

  return (
    <>
      <ConsoleHeader
        t={t}
        lang={lang}
        onLang={changeLanguage}
        doctor={session.doctor}
        onSignOut={session.signOut}
        inCall={screen.name === 'call'}
        onDuty={session.doctor ? session.duty.onDuty : null}
        onDutyChange={(onDuty) => void session.changeDuty(onDuty)}
      />
      <ConsoleScreens
        session={session}
        signInMethods={signInStart.methods}
        taking={taking}
        now={now}
        draft={draft}
        onDraft={setDraft}
        onCallEnded={(report) => {
          storage.removeItem(CALL_KEY);
          setScreen(report ? { name: 'report', report } : { name: 'queue' });
        }}
        onOpenPdf={(n) => void openPdf(n)}
        onShare={(consultationId, email) => shareConsultation(storage, consultationId, email)}
        deliveriesOf={(consultationId) => deliveriesApi(storage, consultationId)}
        arrivalAlerts={arrivalAlerts}
      />
    </>
  );
}
