import { requireStack, type RequiredStack } from '../../common/util/testing/require-stack';
import { resolveWorkerBin } from '../media/worker-pool';

/**
 * The mediasoup worker that scripts/setup builds: await it at the top of every test file that
 * starts one. Under CI a machine without it fails those files with the reason.
 */
export function requireMediasoupWorker(): Promise<RequiredStack<string>> {
  return requireStack('the mediasoup worker', resolveWorkerBin);
}
