import type { AwayPlace } from '../calls/away-places';
import type { QueueChanges, QueueStore, SavedConsultation } from '../calls/queue-journal';

/**
 * The queue's store as the engines give it: every read that starts a call node's reign and every
 * write carries that reign's epoch (its fencing token, call-leadership.ts), and the store refuses
 * one lower than the highest it has seen (Kleppmann, "How to do distributed locking", 2016). A
 * node paused past its lease (a long GC, a SIGSTOP, a network split) that wakes up still believing
 * it holds the calls is thus refused by storage, whatever it believes, before it can overwrite the
 * queue of the node that took over.
 */
export interface EpochQueueStore {
  /** Raises the fence to `epoch` (refused when a higher one was seen), then reads the queue. */
  load(endedBefore: number, epoch: number): Promise<{ consultations: SavedConsultation[]; places: AwayPlace[] }>;
  /** Writes in one transaction with the fence check; StaleEpochError when a higher epoch was seen. */
  write(changes: QueueChanges, epoch: number): Promise<void>;
  /** The highest epoch seen: the floor of the next one (a Redis that lost its counter, call-leadership.ts). */
  highestEpoch(): Promise<number>;
}

/** A write refused by storage: another node took the calls over with a newer epoch. */
export class StaleEpochError extends Error {
  constructor(
    readonly epoch: number,
    readonly highest: number,
  ) {
    super(
      `storage refused this node's write: its epoch ${epoch} is older than ${highest}, another node holds the calls`,
    );
    this.name = 'StaleEpochError';
  }
}

/**
 * The journal's store (queue-journal.ts) bound to this node's reign: each call carries the epoch of
 * the lease now held; the first refusal calls `stale` (the node steps down at once), and every later
 * call is refused here without reaching storage.
 */
export function fencedQueueStore(
  store: EpochQueueStore,
  epoch: () => number,
  stale: (error: StaleEpochError) => void,
): QueueStore {
  let refused: StaleEpochError | null = null;
  const guard = async <T>(run: (epoch: number) => Promise<T>): Promise<T> => {
    if (refused) throw refused;
    try {
      return await run(epoch());
    } catch (error) {
      if (error instanceof StaleEpochError && !refused) {
        refused = error;
        stale(error);
      }
      throw error;
    }
  };
  return {
    load: (endedBefore) => guard((e) => store.load(endedBefore, e)),
    write: (changes) => guard((e) => store.write(changes, e)),
  };
}
