import type { Page } from '@playwright/test';
import type { Prescription, PrescriptionLine } from '../../common/consultation/prescription';
import type { PatientIdentity } from '../../common/identity/identity';
import type { CallTicket } from '../../common/signaling/call-ticket';
import type { QueueItem } from '../../common/signaling/messages';

/** `window.kioskTest` of renderer/streaming/testing/kiosk-page.ts (restated: e2e has no DOM types). */
interface KioskTestApi {
  start(ticket: CallTicket, options?: { noCamera?: boolean }): Promise<void>;
  state(): string;
  error(): string | null;
  transportStates(): string[];
  audioOnly(): boolean;
  intentions(): string[];
  prescription(): Prescription | null;
  framesDecoded(): Promise<number>;
  packetsSent(): Promise<number | null>;
  cut(): void;
  mediaPath(): Promise<{
    localType: string;
    protocol: string;
    relayProtocol: string | null;
    bytesReceived: number;
  } | null>;
  sendPleth(seq: number): void;
  sendMeasurements(count: number, intervalMs: number): Promise<string[]>;
}

/** `window.doctorTest` of renderer/streaming/testing/doctor-page.ts. */
interface DoctorTestApi {
  signIn(platformUrl: string, email: string, password: string): Promise<void>;
  queue(): QueueItem[];
  accept(consultationId: string): Promise<{ identity: PatientIdentity | null; reason: string }>;
  requestMeasurement(kind: 'oximetry' | 'temperature' | 'blood-pressure'): Promise<unknown>;
  endCall(lines: PrescriptionLine[]): Promise<string | null>;
  framesDecoded(): Promise<number>;
  vitals(): { spo2: number | null; pulseRate: number | null; plethSamples: number; measurement: string | null };
  events(): string[];
  remoteKinds(): string[];
  plethLatencies(): number[];
  plethArrivals(): number[];
  plethFromDevice(): number[];
  measurementIds(): string[];
  relayedIds(): string[];
  videoReceive(): Promise<VideoReceive>;
  clearLatencies(): void;
  plethInk(): number;
}

/** The doctor's inbound video so far (Chromium's inbound-rtp stats; freezes as WebRTC stats define them). */
export interface VideoReceive {
  framesDecoded: number;
  freezeCount: number;
  totalFreezesDurationSeconds: number;
}

type W = { kioskTest: KioskTestApi; doctorTest: DoctorTestApi };

/** Typed calls into the kiosk test page. */
export function kioskDriver(page: Page) {
  return {
    start: (ticket: CallTicket, options: { noCamera?: boolean } = {}) =>
      page.evaluate(([t, o]) => (globalThis as unknown as W).kioskTest.start(t, o), [ticket, options] as const),
    audioOnly: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.audioOnly()),
    transportStates: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.transportStates()),
    state: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.state()),
    error: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.error()),
    intentions: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.intentions()),
    prescription: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.prescription()),
    framesDecoded: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.framesDecoded()),
    packetsSent: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.packetsSent()),
    cut: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.cut()),
    mediaPath: () => page.evaluate(() => (globalThis as unknown as W).kioskTest.mediaPath()),
    sendPleth: (seq: number) => page.evaluate((s) => (globalThis as unknown as W).kioskTest.sendPleth(s), seq),
    sendMeasurements: (count: number, intervalMs: number) =>
      page.evaluate(([n, ms]) => (globalThis as unknown as W).kioskTest.sendMeasurements(n!, ms!), [count, intervalMs]),
  };
}

/** Typed calls into the doctor test page. */
export function doctorDriver(page: Page) {
  return {
    signIn: (url: string, email: string, password: string) =>
      page.evaluate(([u, e, p]) => (globalThis as unknown as W).doctorTest.signIn(u!, e!, p!), [url, email, password]),
    queue: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.queue()),
    accept: (id: string) => page.evaluate((c) => (globalThis as unknown as W).doctorTest.accept(c), id),
    requestMeasurement: (kind: 'oximetry' | 'temperature' | 'blood-pressure') =>
      page.evaluate((k) => (globalThis as unknown as W).doctorTest.requestMeasurement(k), kind),
    endCall: (lines: PrescriptionLine[]) =>
      page.evaluate((l) => (globalThis as unknown as W).doctorTest.endCall(l), lines),
    framesDecoded: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.framesDecoded()),
    vitals: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.vitals()),
    /** A live SpO2 and pulse in human ranges has arrived (a settling finger gives nulls in between). */
    plausibleLiveOximetry: async () => {
      const { spo2, pulseRate } = await page.evaluate(() => (globalThis as unknown as W).doctorTest.vitals());
      return spo2 !== null && spo2 > 80 && spo2 <= 100 && pulseRate !== null && pulseRate > 30;
    },
    events: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.events()),
    remoteKinds: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.remoteKinds()),
    plethLatencies: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.plethLatencies()),
    plethArrivals: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.plethArrivals()),
    plethFromDevice: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.plethFromDevice()),
    measurementIds: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.measurementIds()),
    relayedIds: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.relayedIds()),
    videoReceive: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.videoReceive()),
    clearLatencies: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.clearLatencies()),
    plethInk: () => page.evaluate(() => (globalThis as unknown as W).doctorTest.plethInk()),
  };
}
