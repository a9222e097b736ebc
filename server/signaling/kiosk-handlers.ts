import type { Handlers, KioskMethods } from '../../common/signaling/messages';
import { SignalFailure } from '../calls/signal-failure';
import { mediaForwarders } from './media-forwarders';
import type { KioskContext } from './socket-context';

/** Requests of a socket that joined the queue as a kiosk. */
export const kioskHandlers: Handlers<KioskMethods, KioskContext> = {
  'join-queue': () => {
    throw new SignalFailure('conflict', 'this socket already joined');
  },
  'leave-queue': (context) => {
    context.deps.calls.leaveQueue(context.role.link);
    return {};
  },
  'step-away': (context, request) => {
    const { calls, pharmacy } = context.deps;
    const place = calls.stepAway(context.role.link, request.phone);
    const cabin = pharmacy.directory.cabinOf(place.kioskId);
    const portalOpen = cabin !== null && pharmacy.boards.portalsOpen(cabin.pharmacy.id) > 0;
    return { ticket: place.ticket, holdMinutes: calls.away.holdMinutes, portalOpen };
  },
  'update-devices': (context, request) => {
    context.deps.calls.updateDevices(context.role.link, request.devices);
    return {};
  },
  'report-media-state': (context, request) => {
    context.deps.calls.reportMediaState(context.role.link, request);
    return {};
  },
  'report-auscultation': (context, request) => {
    context.deps.calls.reportExamDevice(context.role.link, { type: 'auscultation-state', report: request.report });
    return {};
  },
  'report-exam-camera': (context, request) => {
    context.deps.calls.reportExamDevice(context.role.link, { type: 'exam-camera-state', report: request.report });
    return {};
  },
  ...mediaForwarders<KioskContext>((context, request) => context.deps.calls.kioskMedia(context.role.link, request)),
};
