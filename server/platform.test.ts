import { noteOf } from '../common/records/testing/samples';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prescription } from '../common/consultation/prescription';
import { DoctorMethods, KioskMethods } from '../common/signaling/messages';
import { ManualClock } from '../common/util/testing/manual-clock';
import { isValidPrescriptionNumber } from './calls/prescription-issuer';
import type { Platform } from './platform';
import { startTestPlatform } from './testing/test-platform';
import { requireMediasoupWorker } from './testing/mediasoup-stack';
import { connectDoctor, connectKiosk, joinQueue, produceAudio, QUEUE_ENTRY, wsUrl } from './testing/signal-clients';

const mediasoup = await requireMediasoupWorker();
let platform: Platform;
/** The calls' clock: a grace period ends only when a test moves it past. */
const clock = new ManualClock();
const KIOSK_GRACE_MS = 60_000;

beforeAll(async () => {
  platform = await startTestPlatform({ kioskGraceMs: KIOSK_GRACE_MS, clock });
});
afterAll(async () => platform?.close());

const join = (kioskId: string, sessionId?: string) => joinQueue(platform, kioskId, sessionId);

mediasoup.describe('platform over a real mediasoup worker', () => {
  describe('platform: queue, accept, media room, end with a prescription', () => {
    it('runs a whole consultation between a kiosk and a doctor', async () => {
      const doctor = await connectDoctor(platform);
      const queue = await doctor.request('subscribe-queue', {});
      // Signed in is not on duty: the doctor says when they take patients from the live queue.
      expect(queue.doctorsOnDuty).toBe(0);
      await doctor.request('set-on-duty', { onDuty: true });

      const a = await join('kiosk-a');
      // A free doctor on duty still takes a moment to accept: the assumed pick-up, never "0 minutes".
      expect(a.joined).toMatchObject({
        state: 'waiting',
        position: 1,
        wait: { kind: 'estimate', minutes: 2, doctorsOnDuty: 1 },
      });
      const listed = await doctor.events.next('queue-list', (e) => e.entries.length === 1);
      expect(listed.entries[0]).toMatchObject({
        kioskId: 'kiosk-a',
        ageYears: 42,
        specialty: 'general-practice',
        position: 1,
        kioskConnected: true,
      });

      const b = await join('kiosk-b');
      // One doctor, free: the first patient after the pick-up, the second after a typical consultation
      // (10 min) and another pick-up.
      expect(b.joined).toMatchObject({ position: 2, wait: { kind: 'estimate', minutes: 14 } });

      // Before the accept a kiosk may load its Device (the routers' capabilities), not open media —
      // except the one next in the queue, whose call is prepared: its transports and paused
      // producers, nothing that receives.
      expect((await b.kiosk.request('get-router-capabilities', {})).rtpCapabilities.codecs).not.toHaveLength(0);
      await expect(b.kiosk.request('create-transport', { direction: 'send' })).rejects.toMatchObject({
        code: 'conflict',
      });
      await a.kiosk.events.next('prepare-media');
      expect((await a.kiosk.request('create-transport', { direction: 'send' })).transportId).toBeTruthy();
      await expect(a.kiosk.request('list-producers', {})).rejects.toMatchObject({ code: 'conflict' });

      const accepted = await doctor.request('accept', { consultationId: a.joined.consultationId });
      expect(accepted.kioskId).toBe('kiosk-a');
      expect((await a.kiosk.events.next('doctor-accepted')).doctor.name).toBe('Dr Claire Martin');
      // The first kiosk was told a doctor is taking it, just before the accept.
      expect(await a.kiosk.events.next('queue-updated')).toMatchObject({ wait: { kind: 'doctor-coming' } });
      // The second kiosk moves up; the doctor's call has just begun: 10 minutes and a pick-up.
      expect(await b.kiosk.events.next('queue-updated', (e) => e.position === 1)).toMatchObject({
        wait: { kind: 'estimate', minutes: 12, doctorsOnDuty: 1 },
      });

      // A second doctor cannot take the same patient.
      const second = {
        email: 'dr.bernard@kiosk.test',
        password: 'second-doctor',
        name: 'Dr Paul Bernard',
        rpps: '10000000002',
      };
      await platform.accounts.upsert(second);
      const other = await connectDoctor(platform, second);
      await expect(other.request('accept', { consultationId: a.joined.consultationId })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(
        other.request('request-measurement', { consultationId: a.joined.consultationId, kind: 'oximetry' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      other.close();

      // Media: the kiosk produces, the doctor is told and consumes it.
      const { producerId } = await produceAudio(a.kiosk);
      expect((await doctor.events.next('new-producer')).producer).toEqual({
        producerId,
        kind: 'audio',
        source: 'microphone',
      });
      const caps = await doctor.request('get-router-capabilities', {});
      const recv = await doctor.request('create-transport', { direction: 'recv' });
      expect(recv.iceCandidates.every((c) => (c as { address?: string }).address === '127.0.0.1')).toBe(true);
      expect(new Set(recv.iceCandidates.map((c) => (c as { protocol?: string }).protocol))).toEqual(
        new Set(['udp', 'tcp']),
      );
      const consumer = await doctor.request('consume', {
        transportId: recv.transportId,
        producerId,
        rtpCapabilities: caps.rtpCapabilities,
      });
      expect(consumer).toMatchObject({ producerId, kind: 'audio', source: 'microphone' });
      await doctor.request('resume-consumer', { consumerId: consumer.consumerId });
      expect((await doctor.request('list-producers', {})).producers.map((p) => p.producerId)).toEqual([producerId]);
      const restarted = await a.kiosk.request('restart-ice', {
        transportId: (await a.kiosk.request('create-transport', { direction: 'recv' })).transportId,
      });
      expect(restarted.iceParameters.usernameFragment).toBeTruthy();
      await expect(
        doctor.request('connect-transport', { transportId: 'nope', dtlsParameters: { fingerprints: [{}] } }),
      ).rejects.toMatchObject({ code: 'not-found' });

      // Doctor's requests reach the kiosk.
      await doctor.request('request-measurement', { consultationId: a.joined.consultationId, kind: 'oximetry' });
      expect((await a.kiosk.events.next('measurement-requested')).kind).toBe('oximetry');
      await doctor.request('verify-identity', { consultationId: a.joined.consultationId, verified: true });
      expect((await a.kiosk.events.next('identity-verified')).verified).toBe(true);

      const ended = await doctor.request('end-call', {
        consultationId: a.joined.consultationId,
        note: noteOf('RAS'),
        prescription: { lines: [{ item: 'Paracétamol 1 g', dosage: '1 cp x3/j', duration: '5 jours', notes: '' }] },
      });
      expect(ended.report).toMatchObject({ identityVerified: true, note: noteOf('RAS'), kioskId: 'kiosk-a' });
      const callEnded = await a.kiosk.events.next('call-ended');
      expect(callEnded.reason).toBe('doctor-ended');
      const rx = Prescription.parse(callEnded.prescription);
      expect(isValidPrescriptionNumber(rx.number)).toBe(true);
      expect(rx.doctor.rpps).toBe('10000000001');

      // The PDF: for the consultation's doctor and the kiosk it was issued to (another kiosk: 403);
      // the QR's verification URL answers publicly.
      const pdfUrl = `${platform.url}/api/prescriptions/${rx.number}.pdf`;
      expect((await fetch(pdfUrl)).status).toBe(401);
      expect(
        (await fetch(pdfUrl, { headers: { authorization: `Bearer ${platform.kioskCredentials.issue('kiosk-b')}` } }))
          .status,
      ).toBe(403);
      const pdf = await fetch(pdfUrl, { headers: { authorization: `Bearer ${a.ticket.credential}` } });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('cache-control')).toBe('no-store');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      // The QR code's link shows the prescription as issued; the bare number, or a wrong token, nothing.
      const link = rx.qrPayload.split(' ')[1]!;
      expect(link).toMatch(new RegExp(`^${platform.url}/verify/${rx.number}\\?t=`));
      expect(await (await fetch(link)).json()).toEqual({
        valid: true,
        number: rx.number,
        issuedAt: rx.issuedAt,
        doctor: rx.doctor,
        lines: rx.lines,
      });
      for (const guess of [`/verify/${rx.number}`, `/verify/${rx.number}?t=AAAAAAAAAAAAAAAAAAAAAA`]) {
        const answer = await fetch(`${platform.url}${guess}`);
        expect(answer.status).toBe(404);
        expect(await answer.json()).toEqual({ valid: false });
      }
      expect((await fetch(`${platform.url}/verify/RX-2026-999999-0`)).status).toBe(404);

      // The same session cannot queue again with its ticket.
      const replay = await connectKiosk(platform);
      await expect(
        replay.request('join-queue', {
          token: a.ticket.token,
          sessionId: a.ticket.sessionId,
          queueEntry: QUEUE_ENTRY,
          identity: null,
          devices: [],
        }),
      ).rejects.toMatchObject({ code: 'conflict' });

      for (const c of [a.kiosk, b.kiosk, replay, doctor]) c.close();
    });

    it('keeps the call when the kiosk reconnects, and renegotiates in the same room', async () => {
      const doctor = await connectDoctor(platform);
      const first = await join('kiosk-c');
      await doctor.request('accept', { consultationId: first.joined.consultationId });
      const { producerId } = await produceAudio(first.kiosk);
      await doctor.events.next('new-producer', (e) => e.producer.producerId === producerId);

      const reconnecting = doctor.events.upcoming('peer-state', (e) => e.state === 'reconnecting');
      first.kiosk.close();
      await reconnecting;

      const closed = doctor.events.upcoming('producer-closed', (e) => e.producerId === producerId);
      const back = await connectKiosk(platform);
      const rejoined = await back.request('join-queue', {
        token: first.ticket.token,
        sessionId: first.ticket.sessionId,
        queueEntry: QUEUE_ENTRY,
        identity: null,
        devices: [],
      });
      expect(rejoined).toMatchObject({
        consultationId: first.joined.consultationId,
        state: 'in-call',
        doctor: { name: 'Dr Claire Martin' },
      });
      await closed;
      await doctor.events.next('peer-state', (e) => e.state === 'connected');
      const again = await produceAudio(back);
      expect(
        (await doctor.events.next('new-producer', (e) => e.producer.producerId === again.producerId)).producer.kind,
      ).toBe('audio');

      // A kiosk that does not come back within the grace period ends the call.
      const away = doctor.events.upcoming('peer-state', (e) => e.state === 'reconnecting');
      back.close();
      await away;
      clock.advance(KIOSK_GRACE_MS - 1);
      expect(doctor.events.all.some((e) => e.type === 'call-ended')).toBe(false);
      clock.advance(1);
      const ended = await doctor.events.next('call-ended');
      expect(ended.reason).toBe('connection-lost');
      doctor.close();
    });
  });

  describe('platform: the doctor console reloads mid-call', () => {
    it('resumes the session and rejoins the consultation with the kiosk media still listed', async () => {
      const doctor = await connectDoctor(platform, null);
      const { token } = await doctor.request('sign-in', {
        email: 'dr.martin@kiosk.test',
        password: 'consultation-dev',
      });
      const a = await join('kiosk-d');
      await doctor.request('accept', { consultationId: a.joined.consultationId });
      const { producerId } = await produceAudio(a.kiosk);
      await doctor.request('save-notes', { consultationId: a.joined.consultationId, note: noteOf('Gorge rouge') });

      const away = a.kiosk.events.upcoming('peer-state', (e) => e.peer === 'doctor' && e.state === 'reconnecting');
      doctor.close();
      await away;

      const reloaded = await connectDoctor(platform, null);
      await expect(reloaded.request('rejoin', { consultationId: a.joined.consultationId })).rejects.toMatchObject({
        code: 'unauthorised',
      });
      await reloaded.request('resume-session', { token });
      const back = a.kiosk.events.upcoming('peer-state', (e) => e.peer === 'doctor' && e.state === 'connected');
      const view = await reloaded.request('rejoin', { consultationId: a.joined.consultationId });
      expect(view.kioskId).toBe('kiosk-d');
      // The reloaded console takes up the note as last saved.
      expect(view.note).toEqual(noteOf('Gorge rouge'));
      await back;
      expect((await reloaded.request('list-producers', {})).producers.map((p) => p.producerId)).toEqual([producerId]);
      await reloaded.request('end-call', {
        consultationId: a.joined.consultationId,
        prescription: null,
        note: noteOf(''),
      });
      expect((await a.kiosk.events.next('call-ended')).prescription).toBeNull();
      reloaded.close();
      a.kiosk.close();
    });
  });

  describe('platform: a media worker dies mid-call', () => {
    it('reopens the room on a replacement worker and has both sides negotiate again', async () => {
      const doctor = await connectDoctor(platform);
      const a = await join('kiosk-e');
      await doctor.request('accept', { consultationId: a.joined.consultationId });
      await produceAudio(a.kiosk);
      const [pid] = platform.mediaWorkerPids();
      const kioskReset = a.kiosk.events.upcoming('media-reset');
      const doctorReset = doctor.events.upcoming('media-reset');
      process.kill(pid!, 'SIGKILL');
      expect((await kioskReset).consultationId).toBe(a.joined.consultationId);
      await doctorReset;
      expect(platform.mediaWorkerPids()).not.toContain(pid);
      // The consultation goes on in the new room.
      const { producerId } = await produceAudio(a.kiosk);
      expect(
        (await doctor.events.next('new-producer', (e) => e.producer.producerId === producerId)).producer.kind,
      ).toBe('audio');
      await doctor.request('end-call', {
        consultationId: a.joined.consultationId,
        prescription: null,
        note: noteOf(''),
      });
      doctor.close();
      a.kiosk.close();
    });
  });

  describe('platform: refuses bad input without falling over', () => {
    it('answers garbage with bad-message and keeps serving', async () => {
      const ws = new WebSocket(wsUrl(platform));
      const replies: unknown[] = [];
      ws.on('message', (data) => replies.push(JSON.parse(data.toString())));
      await new Promise((resolve) => ws.once('open', resolve));
      const frames = [
        'not json',
        '[]',
        '{"type":1}',
        '{"type":"accept"}',
        '{"type":"accept","id":"1","consultationId":"x"}',
        '{"type":"join-queue","id":"2"}',
        'null',
        '"x"',
      ];
      for (const frame of frames) ws.send(frame);
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      ws.send(JSON.stringify({ type: 'sign-in', id: '3', email: 'dr.martin@kiosk.test', password: 'wrong' }));
      await expect.poll(() => replies.length).toBe(frames.length + 2);
      expect(replies).toContainEqual({ type: 'error', error: { code: 'bad-message', message: 'frame is not JSON' } });
      expect(replies).toContainEqual({
        type: 'response',
        id: '1',
        ok: false,
        error: expect.objectContaining({ code: 'unauthorised' }),
      });
      expect(replies).toContainEqual({
        type: 'response',
        id: '2',
        ok: false,
        error: expect.objectContaining({ code: 'bad-message' }),
      });
      expect(replies).toContainEqual({
        type: 'response',
        id: '3',
        ok: false,
        error: expect.objectContaining({ code: 'unauthorised' }),
      });

      // A frame over the size limit closes that socket only.
      const closed = new Promise<number>((resolve) => ws.once('close', resolve));
      ws.send('x'.repeat(300 * 1024));
      expect(await closed).toBe(1009);
      expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);

      // A forged ticket is refused.
      const kiosk = await connectKiosk(platform);
      await expect(
        kiosk.request('join-queue', {
          token: 'ct1.forged.forged-mac-xx',
          sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f',
          queueEntry: QUEUE_ENTRY,
          identity: null,
          devices: [],
        }),
      ).rejects.toMatchObject({ code: 'unauthorised' });
      kiosk.close();
    });

    it('survives random frames of every message type (property test)', async () => {
      const types = [...Object.keys(KioskMethods), ...Object.keys(DoctorMethods), 'nope'];
      const frame = fc.oneof(
        fc.json(),
        fc
          .record({ type: fc.constantFrom(...types), id: fc.string({ minLength: 1, maxLength: 5 }) })
          .chain((head) =>
            fc
              .dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 })
              .map((rest) => JSON.stringify({ ...rest, ...head })),
          ),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 15 }), async (frames) => {
          const ws = new WebSocket(wsUrl(platform));
          await new Promise((resolve) => ws.once('open', resolve));
          let replies = 0;
          ws.on('message', () => replies++);
          for (const f of frames) ws.send(f);
          // Every frame is answered (a response or an error event) and the socket stays up.
          await expect.poll(() => replies).toBe(frames.length);
          expect(ws.readyState).toBe(WebSocket.OPEN);
          ws.close();
        }),
        { numRuns: 40 },
      );
      expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    });

    it('protects the HTTP API with kiosk credentials and doctor sessions', async () => {
      const post = (path: string, body: unknown, auth?: string) =>
        fetch(`${platform.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: JSON.stringify(body),
        });
      expect((await post('/api/call-tickets', { sessionId: '6f1c1f4e-8d0a-4d4e-9f4a-3b7c2a1d0e9f' })).status).toBe(401);
      const credential = platform.kioskCredentials.issue('kiosk-fleet');
      expect((await post('/api/call-tickets', { sessionId: 'nope' }, `Bearer ${credential}`)).status).toBe(400);
      const beat = await post(
        '/api/kiosks/heartbeat',
        { version: '0.1.0', uptimeSeconds: 12, devices: [], inSession: false },
        `Bearer ${credential}`,
      );
      expect(beat.status).toBe(200);
      expect((await fetch(`${platform.url}/api/fleet`)).status).toBe(401);
      const signIn = await post('/api/doctor/sign-in', { email: 'dr.martin@kiosk.test', password: 'consultation-dev' });
      const { token } = (await signIn.json()) as { token: string };
      const fleet = (await (
        await fetch(`${platform.url}/api/fleet`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        kiosks: { kioskId: string; online: boolean }[];
      };
      expect(fleet.kiosks).toContainEqual(expect.objectContaining({ kioskId: 'kiosk-fleet', online: true }));
    });
  });
});
