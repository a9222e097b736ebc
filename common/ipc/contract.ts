import { AppointmentChoices, BookingAnswer, BookingCode, CheckInAnswer } from '../routing/appointments';
import { z } from 'zod';
import {
  CalibrationCertificateFile,
  CalibrationIntention,
  CalibrationWizardView,
  StartCalibrationRequest,
} from '../calibration/calibration-wizard';
import { DeviceStatus } from '../devices/device-status';
import { LiveReading } from '../devices/live-reading';
import { MediaInput } from '../devices/media-input';
import { Measurement, PlethChunk } from '../devices/measurement';
import { FlowIntention } from '../flow/flow-intention';
import { FlowView } from '../flow/flow-view';
import { CardState } from '../identity/card-state';
import { EmailRequest, EmailStatus, PrintState } from '../printing/print-state';
import { CallTicket } from '../signaling/call-ticket';
import { ConfirmHygieneRequest, StaffOverview, StaffSignInRequest, StaffSignInResponse } from '../staff/staff';
import { TechnicianSignInRequest, TechnicianSignInResponse } from '../staff/technician';
import { DeviceDiagnostics, DeviceFrame, MonitorRequest } from '../devices/diagnostics';
import { DeviceChangeRequest, DeviceChangeResult, DeviceChoices } from '../devices/device-change';

/**
 * The kiosk API between the screens (renderer) and the kiosk services (main), written once.
 *
 * Electron's preload and the web host's WebSocket client both build the renderer-side object from
 * this table (one method per entry, never a generic send), and main validates every request and
 * every event payload against these schemas. Channel names are `domain:action`.
 *
 * Add an entry here, implement it in the handlers (main/ipc), and both shells carry it.
 */
export const KioskInfo = z.object({
  kioskId: z.string(),
  version: z.string(),
  defaultLanguage: z.string(),
  languages: z.array(z.string()).min(1),
  /** True when devices are simulators (development, CI); the UI says so in a corner. */
  simulated: z.boolean(),
  /** Seconds without a touch before the kiosk warns, then returns to welcome and wipes. */
  idleTimeoutSeconds: z.number().int().positive(),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

const None = z.object({}).strict();

export const kioskContract = {
  invoke: {
    getInfo: { channel: 'kiosk:get-info', request: None, response: KioskInfo },
    listDevices: { channel: 'device:list', request: None, response: z.array(DeviceStatus) },
    /** The devices the screens capture themselves (the stethoscope) and the labels that pick their input. */
    listMediaInputs: { channel: 'device:media-inputs', request: None, response: z.array(MediaInput) },
    /** The current patient-flow view (screens call it once on load, then follow onFlowChanged). */
    getFlow: { channel: 'flow:get', request: None, response: FlowView },
    /** An intention of the patient (or of the platform, relayed by renderer/streaming). */
    flowSend: { channel: 'flow:send', request: FlowIntention, response: z.object({ accepted: z.boolean() }) },
    /** Where and how the screens join the platform for the current session's call. */
    getCallTicket: { channel: 'call:get-ticket', request: None, response: CallTicket },
    /** After the reason (issue 17): now, the slots, one's own doctor (by the RPPS typed), each with its time. */
    getAppointmentChoices: {
      channel: 'appointments:choices',
      request: z
        .object({
          ownDoctorRpps: z
            .string()
            .regex(/^\d{11}$/)
            .optional(),
        })
        .strict(),
      response: AppointmentChoices,
    },
    /** Books a slot for the session's patient; the flow shows the ticket. A refusal lists the next slots. */
    bookAppointment: {
      channel: 'appointments:book',
      request: z.object({ doctorId: z.string().max(64), startsAt: z.iso.datetime(), remind: z.boolean() }).strict(),
      response: BookingAnswer,
    },
    /**
     * Check-in: the ticket's QR code read at the camera, the booking's short code typed, or the
     * Carte Vitale in the reader (`card`: the beneficiary chosen, null for a one-person card),
     * checked by the platform; the flow goes on with the answer.
     */
    checkInAppointment: {
      channel: 'appointments:check-in',
      request: z.union([
        z.object({ token: z.string().min(10).max(600) }).strict(),
        z.object({ code: BookingCode }).strict(),
        z.object({ card: z.number().int().min(0).max(15).nullable() }).strict(),
      ]),
      response: CheckInAnswer,
    },
    /** Staff mode (PIN, the pharmacist's): sign in; 5 wrong PINs lock it for a minute; role technician is refused. */
    staffSignIn: { channel: 'staff:sign-in', request: StaffSignInRequest, response: StaffSignInResponse },
    staffSignOut: { channel: 'staff:sign-out', request: None, response: z.object({ ok: z.literal(true) }) },
    /** Every checklist item ticked unlocks the next patient; errors: forbidden, checklist-incomplete, patient-in-session. */
    confirmHygiene: {
      channel: 'staff:confirm-hygiene',
      request: ConfirmHygieneRequest,
      response: z.object({ hygieneDue: z.boolean() }),
    },
    /** Clears the patient's help request; error: forbidden. */
    answerHelp: { channel: 'staff:answer-help', request: None, response: z.object({ ok: z.literal(true) }) },
    /**
     * A technician signs in with their own account (identifier + secret, issue 19); 5 wrong secrets
     * lock that identifier for 15 minutes. The technician's screens open only after this.
     */
    technicianSignIn: {
      channel: 'staff:technician-sign-in',
      request: TechnicianSignInRequest,
      response: TechnicianSignInResponse,
    },
    /** The technician's diagnostics: every device of the running kiosk; error: forbidden. */
    getDiagnostics: { channel: 'technician:diagnostics', request: None, response: z.array(DeviceDiagnostics) },
    /** Streams one device's frames (onDeviceFrame) to the technician; null stops; errors: forbidden, unknown-device. */
    monitorDevice: {
      channel: 'technician:monitor',
      request: MonitorRequest,
      response: z.object({ ok: z.literal(true), deviceId: z.string().nullable() }),
    },
    /**
     * A technician changes a serial device's port or model; kept only after a test reading on the
     * new settings (else the old ones stay and the answer says why); errors: forbidden, unknown-device.
     */
    changeDevice: { channel: 'technician:change-device', request: DeviceChangeRequest, response: DeviceChangeResult },
    /** The ports and models a serial device may be changed to; errors: forbidden, unknown-device, not-changeable. */
    getDeviceChoices: {
      channel: 'technician:device-choices',
      request: z.object({ deviceId: z.string().min(1).max(40) }).strict(),
      response: DeviceChoices,
    },
    /** Devices, hygiene, help and today's counters (no medical data); error: forbidden. */
    getStaffOverview: { channel: 'staff:overview', request: None, response: StaffOverview },
    /**
     * A technician starts a device's calibration wizard (replacing one under way); errors:
     * forbidden (not a technician), patient-in-session, unknown-device, not-calibratable.
     */
    calibrationStart: {
      channel: 'calibration:start',
      request: StartCalibrationRequest,
      response: CalibrationWizardView,
    },
    /** A step of the wizard; answered with the new view (bad values come back as its `problem`); errors: forbidden, no-wizard. */
    calibrationSend: { channel: 'calibration:send', request: CalibrationIntention, response: CalibrationWizardView },
    /** Drops the wizard under way; nothing of it is kept. */
    calibrationAbandon: { channel: 'calibration:abandon', request: None, response: z.object({ ok: z.literal(true) }) },
    /** The certificate of a recorded check as a PDF; errors: forbidden, not-found. */
    getCalibrationCertificate: {
      channel: 'calibration:certificate',
      request: z.object({ calibrationId: z.uuid() }).strict(),
      response: CalibrationCertificateFile,
    },
    /** A device's calibrations of the kiosk's register as CSV; errors: forbidden, unknown-device. */
    getCalibrationRegister: {
      channel: 'calibration:register',
      request: z.object({ deviceId: z.string().min(1).max(40) }).strict(),
      response: z.object({ fileName: z.string(), csv: z.string() }),
    },
    /** The current prescription's printing (unavailable without a printer in kiosk-config). */
    getPrintState: { channel: 'print:get', request: None, response: PrintState },
    /** Prints (or reprints) the current session's prescription; answers at once, then onPrintChanged. */
    printPrescription: { channel: 'print:prescription', request: None, response: PrintState },
    /** The patient consents to receive the document's link at `address`; answered once the platform knows. */
    emailPrescription: {
      channel: 'print:email',
      request: EmailRequest,
      response: z.object({ status: EmailStatus }),
    },
  },
  events: {
    onDeviceStatusChanged: { channel: 'device:status-changed', payload: DeviceStatus },
    onFlowChanged: { channel: 'flow:changed', payload: FlowView },
    /** A reading was stored (with its outbox row) and may now be shown as recorded. */
    onMeasurementRecorded: { channel: 'device:measurement', payload: Measurement },
    /** Running values while a measurement is under way (not stored). */
    onLiveReading: { channel: 'device:live', payload: LiveReading },
    /** Oximeter waveform chunks, a few per second (not stored; lossy towards the doctor). */
    onPlethReceived: { channel: 'device:pleth', payload: PlethChunk },
    onCardStateChanged: { channel: 'card:state-changed', payload: CardState },
    /** The wizard changed by itself: the leak test's hold ran out, the device left or came back. */
    onCalibrationChanged: { channel: 'calibration:changed', payload: CalibrationWizardView },
    /** A frame of the device the technician monitors: raw hex beside its decoding (technician only). */
    onDeviceFrame: { channel: 'technician:frame', payload: DeviceFrame },
    /** The printer reported on the prescription's job: printed only once completed. */
    onPrintChanged: { channel: 'print:changed', payload: PrintState },
  },
} as const satisfies {
  invoke: Record<string, { channel: `${string}:${string}`; request: z.ZodType; response: z.ZodType }>;
  events: Record<`on${string}`, { channel: `${string}:${string}`; payload: z.ZodType }>;
};

export type KioskContract = typeof kioskContract;
export type InvokeName = keyof KioskContract['invoke'];
export type EventName = keyof KioskContract['events'];
export type InvokeRequest<N extends InvokeName> = z.input<KioskContract['invoke'][N]['request']>;
export type InvokeResponse<N extends InvokeName> = z.output<KioskContract['invoke'][N]['response']>;
export type EventPayload<N extends EventName> = z.output<KioskContract['events'][N]['payload']>;

/** What the screens see: one async method per invoke entry, one subscribe method per event. */
export type KioskApi = {
  readonly [N in InvokeName]: (request: InvokeRequest<N>) => Promise<InvokeResponse<N>>;
} & {
  readonly [N in EventName]: (listener: (payload: EventPayload<N>) => void) => () => void;
};

/** What main implements: the same methods, each given an already-validated request. */
export type KioskHandlers = {
  readonly [N in InvokeName]: (
    request: z.output<KioskContract['invoke'][N]['request']>,
  ) => Promise<InvokeResponse<N>> | InvokeResponse<N>;
};

export const INVOKE_NAMES = Object.keys(kioskContract.invoke) as InvokeName[];
export const EVENT_NAMES = Object.keys(kioskContract.events) as EventName[];
