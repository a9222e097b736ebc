import type { DoctorMethods, Handlers } from '../../common/signaling/messages';
import { loggedConsultationRead } from './consultation-reads';
import { entryHandlers, refuseWhenNotAdmitting } from './entry-handlers';
import { mediaForwarders } from './media-forwarders';
import type { DoctorContext } from './socket-context';

/** Requests of a socket signed in as a doctor (the session is checked before each, see request-router). */
export const doctorHandlers: Handlers<DoctorMethods, DoctorContext> = {
  // Signing in again on the same socket replaces the session.
  'sign-in': (context, request) => entryHandlers['sign-in'](context, request),
  'resume-session': (context, request) => entryHandlers['resume-session'](context, request),
  'sign-out': async (context) => {
    // Stored first: the sign-out is answered once no node accepts the session any more.
    await context.deps.sessions.revoke(context.role.token);
    context.deps.calls.doctorOffline(context.role.link);
    context.become({ kind: 'none' });
    return {};
  },
  'subscribe-queue': (context) => context.deps.calls.subscribeQueue(context.role.link, context.role.doctor),
  'set-on-duty': async (context, request) => {
    // The session keeps it (a reload finds it, on any node); the board counts it in the estimates from now.
    await context.deps.sessions.setOnDuty(context.role.token, request.onDuty);
    context.deps.calls.setOnDuty(context.role.token, request.onDuty);
    return { onDuty: request.onDuty };
  },
  accept: (context, request) =>
    loggedConsultationRead(context, request.consultationId, async () => {
      refuseWhenNotAdmitting(context.deps);
      const accepted = await context.deps.calls.accept(context.role.link, context.role.doctor, request.consultationId);
      // Answered once the call is stored: another node taking the calls over resumes it in call.
      await context.deps.calls.stored();
      return accepted;
    }),
  rejoin: (context, request) =>
    loggedConsultationRead(context, request.consultationId, () =>
      context.deps.calls.rejoin(context.role.link, context.role.doctor, request.consultationId),
    ),
  'request-measurement': (context, request) => {
    context.deps.calls.requestMeasurement(context.role.doctor, request.consultationId, request.kind);
    return {};
  },
  'request-auscultation': (context, request) => {
    const { consultationId, site } = request;
    context.deps.calls.toKiosk(context.role.doctor, consultationId, {
      type: 'auscultation-requested',
      consultationId,
      site,
    });
    return {};
  },
  'end-auscultation': (context, request) => {
    const { consultationId } = request;
    context.deps.calls.toKiosk(context.role.doctor, consultationId, { type: 'auscultation-ended', consultationId });
    return {};
  },
  'request-exam-camera': (context, request) => {
    const { consultationId } = request;
    context.deps.calls.toKiosk(context.role.doctor, consultationId, { type: 'exam-camera-requested', consultationId });
    return {};
  },
  'end-exam-camera': (context, request) => {
    const { consultationId } = request;
    context.deps.calls.toKiosk(context.role.doctor, consultationId, { type: 'exam-camera-ended', consultationId });
    return {};
  },
  'verify-identity': (context, request) => {
    context.deps.calls.verifyIdentity(context.role.doctor, request.consultationId, request.verified);
    return {};
  },
  'save-notes': (context, request) => {
    context.deps.calls.saveNotes(context.role.doctor, request.consultationId, request.notes);
    return {};
  },
  'end-call': (context, request) =>
    context.deps.calls.endCall(context.role.doctor, request.consultationId, request.prescription, request.notes),
  ...mediaForwarders<DoctorContext>((context, request) => context.deps.calls.doctorMedia(context.role.link, request)),
};
