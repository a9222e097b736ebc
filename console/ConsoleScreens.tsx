import { useState } from 'react';
import type { SignInMethods } from '../common/signaling/doctor-sign-in';
import { browserAudio } from '../web-shared/sound/chime';
import { ArrivalAlertsPanel } from './ArrivalAlertsPanel';
import { ConsultationView, type ConsultationDraft, type ConsultationViewProps } from './ConsultationView';
import { useT } from './i18n';
import { ArrivalAlerts, browserNotifications } from './queue-arrival';
import { QueueView } from './QueueView';
import { AppointmentsPanel } from './AppointmentsPanel';
import { ReportView, type ReportViewProps } from './ReportView';
import { SignIn } from './SignIn';
import type { useAcceptPatient } from './use-accept-patient';
import type { useDoctorSession } from './use-doctor-session';
import type { DeliveriesApi } from './deliveries-api';

export interface ConsoleScreensProps {
  session: ReturnType<typeof useDoctorSession>;
  signInMethods: SignInMethods;
  taking: ReturnType<typeof useAcceptPatient>;
  /** ms since the epoch, for the waiting times. */
  now: number;
  draft: ConsultationDraft;
  onDraft: ConsultationViewProps['onDraft'];
  onCallEnded: ConsultationViewProps['onEnded'];
  onOpenPdf(prescriptionNumber: string): void;
  onShare(consultationId: string, email: string): ReturnType<ReportViewProps['onShare']>;
  /** The deliveries of a consultation (its report screen); absent: not shown. */
  deliveriesOf?: (consultationId: string) => DeliveriesApi;
  /** The patient-arrival chime and notification (tests pass fakes); defaults to the browser's. */
  arrivalAlerts?: ArrivalAlerts;
}

/** The console's current screen: sign in, the queue, the call, or the report. */
export function ConsoleScreens(props: ConsoleScreensProps) {
  const { session, signInMethods, taking, now, draft, onDraft, onCallEnded, onOpenPdf, onShare } = props;
  const t = useT();
  const { client, screen } = session;
  const [alerts] = useState(() => props.arrivalAlerts ?? new ArrivalAlerts(browserAudio, browserNotifications()));
  return (
    <main className={`screen-${screen.name}`}>
      {screen.name === 'connecting' && <p>…</p>}
      {screen.name === 'sign-in' && (
        <SignIn
          methods={signInMethods}
          onSignIn={session.signIn}
          error={session.error === null ? null : t(session.error)}
        />
      )}
      {screen.name === 'queue' && <ArrivalAlertsPanel entries={session.queue.entries} alerts={alerts} />}
      {screen.name === 'queue' && (
        <QueueView
          entries={session.queue.entries}
          doctorsOnDuty={session.queue.doctorsOnDuty}
          duty={session.duty}
          dutyFailed={session.dutyFailed}
          now={now}
          onAccept={(id) => void taking.accept(id)}
          busy={taking.busy || !client}
          notice={taking.notice}
        />
      )}
      {screen.name === 'queue' && <AppointmentsPanel refreshKey={session.queue.entries} />}
      {screen.name === 'call' && client && (
        <ConsultationView
          client={client}
          accepted={screen.accepted}
          draft={draft}
          onDraft={onDraft}
          onEnded={onCallEnded}
        />
      )}
      {screen.name === 'call' && !client && <p className="warn">{t('call.peer.reconnecting')}</p>}
      {screen.name === 'report' && (
        <ReportView
          report={screen.report}
          onOpenPdf={onOpenPdf}
          onShare={(email) => onShare(screen.report.consultationId, email)}
          {...(props.deliveriesOf && { deliveries: props.deliveriesOf(screen.report.consultationId) })}
          onBack={() => session.setScreen({ name: 'queue' })}
        />
      )}
    </main>
  );
}
