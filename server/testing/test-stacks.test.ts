import Redis from 'ioredis';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { requirePostgres } from './postgres-instance';
import { requireRedis } from './redis-instance';

/** The harnesses themselves: each server starts, answers, and is gone after its stop. */
const postgres = await requirePostgres();
const redis = await requireRedis();
afterAll(async () => {
  if (!postgres.missing) await postgres.value.stop();
  if (!redis.missing) await redis.value.stop();
});

postgres.describe('the private PostgreSQL', () => {
  it('creates a database that answers queries', async () => {
    const client = new pg.Client({ connectionString: await postgres.value.createDatabase() });
    await client.connect();
    expect((await client.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]?.n).toBe(2);
    await client.end();
  });
});

redis.describe('the private Redis', () => {
  it('carries a published message, then is stopped by its PID', async () => {
    const subscriber = new Redis(redis.value.url);
    const publisher = new Redis(redis.value.url);
    await subscriber.subscribe('queue');
    const received = new Promise<string>((resolve) =>
      subscriber.once('message', (_channel, message) => resolve(message)),
    );
    await publisher.publish('queue', 'changed');
    expect(await received).toBe('changed');
    subscriber.disconnect();
    publisher.disconnect();
  });
});
