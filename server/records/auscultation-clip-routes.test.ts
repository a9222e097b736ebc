import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../common/audio/wav';
import { auscultationClipsPath } from '../../common/auscultation/clip';
import { createHttpServer, type HttpApp } from '../../http/http-server';
import { registerAuscultationClipRoutes } from './auscultation-clip-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';
import { IN_MEMORY_RECORDS } from './records-database';
import { CONSULTATION, DOCTOR, OTHER, OTHER_DOCTOR_ID, mediaRoutesDeps } from './testing/media-routes-fixture';

/** `seconds` of a 50 Hz tone at the clips' 8 kHz, as a base64 WAV. */
const clip = (seconds: number) =>
  Buffer.from(
    encodeWav(
      Float32Array.from({ length: seconds * 8000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 50 * i) / 8000)),
      8000,
    ),
  ).toString('base64');

let app: HttpApp;
let repository: SqliteRecordsRepository;
let fixture: ReturnType<typeof mediaRoutesDeps>;
beforeAll(async () => {
  repository = new SqliteRecordsRepository(IN_MEMORY_RECORDS);
  app = await createHttpServer({ name: 'test:http' });
  fixture = mediaRoutesDeps();
  registerAuscultationClipRoutes(app, { repository, ...fixture.deps });
});
afterAll(async () => {
  await app.close();
  await repository.close();
});

const post = (body: unknown, headers: Record<string, string> = DOCTOR, id = 'c-1') =>
  app.inject({ method: 'POST', url: auscultationClipsPath(id), headers, payload: body as object });

describe('auscultation clips in the records', () => {
  it("keeps the doctor's clip under the consultation's session, with its site, and gives it back", async () => {
    const res = await post({ site: 'mitral', recordedAt: '2026-11-22T10:00:00.000Z', wavBase64: clip(15) });
    expect(res.statusCode).toBe(201);
    const info = res.json<{ id: string; durationMs: number }>();
    expect(info).toMatchObject({ site: 'mitral', durationMs: 15000, sampleRateHz: 8000 });
    const list = await app.inject({ url: auscultationClipsPath('c-1'), headers: DOCTOR });
    expect(list.json()).toEqual({ clips: [info] });
    expect(await repository.auscultationClips(CONSULTATION.sessionId)).toEqual([info]);
    const audio = await app.inject({ url: `${auscultationClipsPath('c-1')}/${info.id}.wav`, headers: DOCTOR });
    expect(audio.headers['content-type']).toBe('audio/wav');
    const decoded = decodeWav(new Uint8Array(audio.rawPayload));
    expect(decoded.ok && decoded.value.durationMs).toBe(15000);
  });

  it('refuses anyone but the doctor in call with the consultation, before reading the body', async () => {
    expect((await post({}, OTHER)).statusCode).toBe(403);
    expect((await post({}, {})).statusCode).toBe(403);
    expect((await post({}, DOCTOR, 'c-2')).statusCode).toBe(403);
    expect((await app.inject({ url: auscultationClipsPath('c-1'), headers: OTHER })).statusCode).toBe(403);
  });

  it('names what is wrong with a clip it refuses, and keeps nothing of it', async () => {
    const before = (await repository.auscultationClips(CONSULTATION.sessionId)).length;
    const notWav = await post({
      site: 'aortic',
      recordedAt: '2026-11-22T10:01:00.000Z',
      wavBase64: Buffer.from('hello').toString('base64'),
    });
    expect(notWav.statusCode).toBe(400);
    expect(notWav.json()).toEqual({
      error: 'invalid-audio',
      message: 'wavBase64: not a WAV file (no RIFF/WAVE header)',
    });
    const long = await post({ site: 'aortic', recordedAt: '2026-11-22T10:01:00.000Z', wavBase64: clip(20) });
    expect(long.json()).toMatchObject({ error: 'invalid-input' });
    const tooLong = await post({ site: 'aortic', recordedAt: '2026-11-22T10:01:00.000Z', wavBase64: clip(17) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json<{ message: string }>().message).toBe('wavBase64: a clip lasts 1 to 16 s, this one 17000 ms');
    const badSite = await post({ site: 'knee', recordedAt: '2026-11-22T10:01:00.000Z', wavBase64: clip(2) });
    expect(badSite.statusCode).toBe(400);
    expect(badSite.json<{ message: string }>().message).toMatch(/^body: site/);
    expect(await repository.auscultationClips(CONSULTATION.sessionId)).toHaveLength(before);
  });

  it('lets the doctors of the consultation read its clips after the call, through the read gate, every read logged', async () => {
    const kept = await post({ site: 'aortic', recordedAt: '2026-11-22T10:02:00.000Z', wavBase64: clip(2) });
    const { id } = kept.json<{ id: string }>();
    fixture.endCall();
    // After the call: no more clips kept, but the doctor who took part still reads them.
    expect(
      (await post({ site: 'aortic', recordedAt: '2026-11-22T10:03:00.000Z', wavBase64: clip(2) })).statusCode,
    ).toBe(403);
    const list = await app.inject({ url: auscultationClipsPath('c-1'), headers: DOCTOR });
    expect(list.json<{ clips: { id: string }[] }>().clips.map((c) => c.id)).toContain(id);
    const audio = await app.inject({ url: `${auscultationClipsPath('c-1')}/${id}.wav`, headers: DOCTOR });
    expect(audio.statusCode).toBe(200);
    // Another doctor is refused with the reason, nobody signed in gets 401; a share opens it.
    const refused = await app.inject({ url: `${auscultationClipsPath('c-1')}/${id}.wav`, headers: OTHER });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'not-a-participant' });
    expect((await app.inject({ url: auscultationClipsPath('c-1') })).statusCode).toBe(401);
    await fixture.access.share('c-1', OTHER_DOCTOR_ID, 'd-1');
    expect((await app.inject({ url: `${auscultationClipsPath('c-1')}/${id}.wav`, headers: OTHER })).statusCode).toBe(
      200,
    );

    const entries = (await fixture.accessLog.query({ consultationId: 'c-1' })).filter(
      (e) => e.resource === 'auscultation-clip',
    );
    expect(entries.map((e) => [e.actor, e.resourceId, e.outcome, e.reason])).toEqual(
      expect.arrayContaining([
        [{ kind: 'doctor', id: 'd-1' }, id, 'allowed', null],
        [{ kind: 'doctor', id: OTHER_DOCTOR_ID }, id, 'refused', 'not-a-participant'],
        [{ kind: 'doctor', id: OTHER_DOCTOR_ID }, id, 'allowed', null],
      ]),
    );
    expect(await fixture.accessLog.verify()).toMatchObject({ ok: true });
  });
});
