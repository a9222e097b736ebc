import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examStillsPath } from '../../common/exam-camera/still';
import { createHttpServer, type HttpApp } from '../../http/http-server';
import { registerExamStillRoutes } from './exam-still-routes';
import { SqliteRecordsRepository } from './sqlite-records-repository';
import { IN_MEMORY_RECORDS } from './records-database';
import { CONSULTATION, DOCTOR, OTHER, mediaRoutesDeps } from './testing/media-routes-fixture';

/** A PNG's signature and IHDR of `width`×`height`, then bytes standing for its pixels. */
function png(width: number, height: number): string {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bytes);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes.toString('base64');
}

let app: HttpApp;
let repository: SqliteRecordsRepository;
let fixture: ReturnType<typeof mediaRoutesDeps>;
beforeAll(async () => {
  repository = new SqliteRecordsRepository(IN_MEMORY_RECORDS);
  app = await createHttpServer({ name: 'test:http' });
  fixture = mediaRoutesDeps();
  registerExamStillRoutes(app, { repository, ...fixture.deps });
});
afterAll(async () => {
  await app.close();
  await repository.close();
});

const post = (body: unknown, headers: Record<string, string> = DOCTOR, id = 'c-1') =>
  app.inject({ method: 'POST', url: examStillsPath(id), headers, payload: body as object });

describe('examination stills in the records', () => {
  it("keeps the doctor's still under the consultation's session at the size the image has, and gives it back", async () => {
    const imageBase64 = png(1920, 1080);
    const res = await post({ capturedAt: '2026-11-22T10:00:00.000Z', contentType: 'image/png', imageBase64 });
    expect(res.statusCode).toBe(201);
    const info = res.json<{ id: string }>();
    expect(info).toMatchObject({ width: 1920, height: 1080, contentType: 'image/png' });
    expect((await app.inject({ url: examStillsPath('c-1'), headers: DOCTOR })).json()).toEqual({ stills: [info] });
    const image = await app.inject({ url: `${examStillsPath('c-1')}/${info.id}`, headers: DOCTOR });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.toString('base64')).toBe(imageBase64);
  });

  it('refuses anyone but the doctor in call with the consultation', async () => {
    expect((await post({}, OTHER)).statusCode).toBe(403);
    expect((await post({}, {})).statusCode).toBe(403);
    expect((await post({}, DOCTOR, 'c-2')).statusCode).toBe(403);
    expect((await app.inject({ url: examStillsPath('c-1'), headers: OTHER })).statusCode).toBe(403);
  });

  it('names what is wrong with an image it refuses, and keeps nothing of it', async () => {
    const before = (await repository.examStills(CONSULTATION.sessionId)).length;
    const jpegAsPng = await post({
      capturedAt: '2026-11-22T10:01:00.000Z',
      contentType: 'image/jpeg',
      imageBase64: png(640, 480),
    });
    expect(jpegAsPng.statusCode).toBe(400);
    expect(jpegAsPng.json()).toEqual({ error: 'invalid-image', message: 'imageBase64: not a JPEG image' });
    expect(await repository.examStills(CONSULTATION.sessionId)).toHaveLength(before);
  });
});
