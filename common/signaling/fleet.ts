import { z } from 'zod';
import { DeviceStatus } from '../devices/device-status';
import { HygieneReport, PrinterReport } from '../pharmacy/cabin-report';

/** Paths of the platform's HTTP API used by the kiosk's main process and the console. */
export const PLATFORM_API = {
  /** POST, kiosk credential: `{ sessionId }` → CallTicketGrant. */
  callTickets: '/api/call-tickets',
  /** POST, kiosk credential: KioskHeartbeat → HeartbeatAnswer. Every 30 s. */
  heartbeat: '/api/kiosks/heartbeat',
  /** GET, doctor session: → Fleet. */
  fleet: '/api/fleet',
  /** POST `{ email, password }` → `{ token, expiresAt, doctor }` (the same as the WS sign-in); development only. */
  doctorSignIn: '/api/doctor/sign-in',
  /** GET → SignInMethods (common/signaling/doctor-sign-in.ts): what the console offers. */
  doctorSignInMethods: '/api/doctor/sign-in-methods',
  /** GET: starts a Pro Santé Connect sign-in (a redirect to the provider). */
  pscStart: '/api/doctor/psc/start',
  /** GET: where Pro Santé Connect sends the doctor back (`?code&state`); ends on the console. */
  pscCallback: '/api/doctor/psc/callback',
  /** POST `{}` (with the sign-in's cookie) → `{ token, expiresAt, doctor }`, once, after the callback. */
  pscSession: '/api/doctor/psc/session',
  /**
   * Kiosk credential (common/pharmacy/alerts.ts): POST RaiseAlertRequest → AlertAnswer; GET
   * `<alerts>/<id>?after=<version>` → AlertAnswer once it changed (long poll); POST
   * `<alerts>/<id>/resolve` when the pharmacist answered at the cabin. 404 `unknown-alert`: raise it again.
   */
  alerts: '/api/kiosks/alerts',
  /** GET, kiosk credential: → TechnicianAccountList (common/staff/technician.ts), cached for offline sign-in. */
  technicians: '/api/kiosks/technicians',
} as const;

export const CallTicketRequest = z.object({ sessionId: z.uuid() }).strict();
export const CallTicketGrant = z.object({
  /** ws:// or wss:// URL of the signalling socket. */
  signalingUrl: z.string(),
  token: z.string().min(16),
  /** ISO 8601. */
  expiresAt: z.string(),
});
export type CallTicketGrant = z.infer<typeof CallTicketGrant>;

export const ScreenState = z.enum(['ok', 'failed']);
export type ScreenState = z.infer<typeof ScreenState>;

/** What a kiosk reports every 30 s (no patient data: whether a session runs, not whose). */
export const KioskHeartbeat = z
  .object({
    version: z.string().max(40),
    uptimeSeconds: z.number().min(0),
    devices: z.array(DeviceStatus).max(20),
    /** A patient session is under way (the cabin is occupied). */
    inSession: z.boolean(),
    /** The cabin's printer (null: none configured); absent from kiosks older than the report. */
    printer: PrinterReport.nullable().optional(),
    /** The hygiene checklist between two patients; absent from older kiosks. */
    hygiene: HygieneReport.optional(),
    /**
     * The screens: `failed` once the Electron shell gave up reloading a renderer that kept crashing
     * (main/electron/recovery.ts) and shows its maintenance page. Absent from older kiosks and from
     * the web host, which has no such recovery.
     */
    screen: ScreenState.optional(),
  })
  .strict();
export type KioskHeartbeat = z.infer<typeof KioskHeartbeat>;

/** The platform's answer to a heartbeat: with `credential`, the kiosk's new one (the old one nears expiry). */
export const HeartbeatAnswer = z.object({ ok: z.literal(true), credential: z.string().min(16).max(200).optional() });
export type HeartbeatAnswer = z.infer<typeof HeartbeatAnswer>;

export const FleetEntry = z.object({
  kioskId: z.string(),
  version: z.string(),
  /** ISO 8601 time of the last heartbeat. */
  lastSeen: z.string(),
  /** A heartbeat arrived in the last 90 s. */
  online: z.boolean(),
  inSession: z.boolean(),
  uptimeSeconds: z.number(),
  devices: z.array(DeviceStatus),
  printer: PrinterReport.nullable().optional(),
  hygiene: HygieneReport.optional(),
  screen: ScreenState.optional(),
});
export type FleetEntry = z.infer<typeof FleetEntry>;
export const Fleet = z.object({
  kiosks: z.array(FleetEntry),
  queue: z.object({ waiting: z.number().int(), inCall: z.number().int(), doctorsOnline: z.number().int() }),
});
export type Fleet = z.infer<typeof Fleet>;
