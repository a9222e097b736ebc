import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpApp } from '../../http/http-server';
import { registerTestHooks } from './test-hooks';

let app: HttpApp | undefined;
afterEach(async () => app?.close());

async function hooked(trustProxy?: string) {
  const dropped: string[] = [];
  app = await createHttpServer({ name: 'test:hooks', trustProxy });
  registerTestHooks(app, {
    dropMedia: (consultationId) => {
      dropped.push(consultationId);
      return true;
    },
  });
  const drop = (remoteAddress: string, headers: Record<string, string> = {}) =>
    app!.inject({ method: 'POST', url: '/api/test/drop-media?consultation=c1', remoteAddress, headers });
  return { drop, dropped };
}

describe('test hooks', () => {
  it('answer this machine only: a remote client is refused, and so is one a local proxy forwards', async () => {
    const { drop, dropped } = await hooked('127.0.0.1');
    expect((await drop('127.0.0.1')).statusCode).toBe(200);
    expect((await drop('::1')).statusCode).toBe(200);
    const remote = await drop('198.51.100.7');
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toMatchObject({ error: 'forbidden', message: 'test hooks answer only this machine' });
    expect((await drop('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(403);
    expect(dropped).toEqual(['c1', 'c1']);
  });
});
