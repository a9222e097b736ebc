import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startNode, type NodeProcess } from '../../server/cluster/testing/cluster-processes';
import { checkHaproxy, startHaproxy, type HaproxyInstance } from '../../server/testing/haproxy-instance';
import { startPostgres, type PostgresInstance } from '../../server/testing/postgres-instance';
import { startRedis, type RedisInstance } from '../../server/testing/redis-instance';
import { requireStack } from '../support/require-stack';
import { ROOT } from '../support/processes';

const run = promisify(execFile);

export const CLUSTER_KIOSK = 'kiosk-cluster-e2e';
/** The second doctor, made with the admin command: a stranger to the first doctor's consultations. */
export const OTHER_DOCTOR = {
  email: 'dr.bernard@kiosk.test',
  name: 'Dr Paul Bernard',
  rpps: '10000000013',
  password: 'cluster-e2e-password',
};

/** Two platform nodes behind HAProxy, sharing a PostgreSQL and a Redis, all real and private to the test. */
export interface ClusterStack {
  /** HAProxy's URL: the platform's one public URL. */
  readonly publicUrl: string;
  /** Node A holds the calls (the first to take the Redis lease); node B relays its sockets to it. */
  readonly a: NodeProcess;
  readonly b: NodeProcess;
  /** The kiosk credential the nodes wrote (--dev-kiosk), for the kiosk web host. */
  readonly credentialFile: string;
  /** `server/admin.ts <args>` as an operator runs it on node `on`'s host (its data folder, the shared env). */
  admin(on: NodeProcess, args: string[], env?: Record<string, string>): Promise<string>;
  /** The nodes' and the balancer's logs, for a failure's attachment. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * The real stacks (server/testing's starters, as the Vitest cluster test uses them): skipped with
 * the reason on a machine without them, a failure with the reason under CI (e2e/support/require-stack).
 */
async function stacks(): Promise<{ postgres: PostgresInstance; redis: RedisInstance }> {
  await requireStack('HAProxy', checkHaproxy);
  const postgres = await requireStack('PostgreSQL', startPostgres, { stop: (p) => p.stop() });
  try {
    return { postgres, redis: await requireStack('Redis', startRedis, { stop: (r) => r.stop() }) };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/**
 * PostgreSQL, Redis, node A, the second doctor's account (the admin command, before node B starts,
 * so that B knows it whether accounts live in the data folder or in PostgreSQL), node B, HAProxy.
 */
export async function startCluster(): Promise<ClusterStack> {
  const { postgres, redis } = await stacks();
  const root = mkdtempSync(join(tmpdir(), 'cluster-e2e-'));
  const env = {
    PLATFORM_DATA_KEY: randomBytes(32).toString('base64'),
    PLATFORM_DATABASE_URL: await postgres.createDatabase(),
    PLATFORM_REDIS_URL: redis.url,
    PLATFORM_TRUST_PROXY: '127.0.0.1',
  };
  const nodes: NodeProcess[] = [];
  let balancer: HaproxyInstance | null = null;
  const stop = async () => {
    await balancer?.stop();
    for (const node of nodes) await node.kill();
    await redis.stop();
    await postgres.stop();
    rmSync(root, { recursive: true, force: true });
  };
  const admin = async (on: NodeProcess, args: string[], extra: Record<string, string> = {}) => {
    const dataDir = join(root, on.id);
    mkdirSync(dataDir, { recursive: true });
    const argv = ['--import', 'tsx', join(ROOT, 'server/admin.ts'), ...args, '--data-dir', dataDir];
    const { stdout } = await run(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...env, ...extra } });
    return stdout;
  };
  try {
    const a = await startNode(root, 'node-a', env, CLUSTER_KIOSK);
    nodes.push(a);
    const { email, name, rpps, password } = OTHER_DOCTOR;
    const account = ['--email', email, '--name', name, '--rpps', rpps];
    const scope = ['--specialties', 'general-practice', '--territories', '75'];
    await admin(a, ['add-doctor', ...account, ...scope], { PLATFORM_DOCTOR_PASSWORD: password });
    const b = await startNode(root, 'node-b', env, CLUSTER_KIOSK);
    nodes.push(b);
    balancer = await startHaproxy([a.address, b.address]);
    return {
      publicUrl: balancer.url,
      a,
      b,
      credentialFile: join(root, `${CLUSTER_KIOSK}.credential`),
      admin,
      logs: () => nodes.map((n) => `--- ${n.id}\n${n.log()}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
