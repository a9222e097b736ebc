import { createLogger } from '../../common/util/logger';
import { SignalFailure } from '../calls/signal-failure';
import type { DoctorContext } from './socket-context';

const log = createLogger('platform:signaling');

/**
 * The console receives the patient's identity and readings when the doctor accepts the patient or
 * rejoins the call: each is a read of the consultation, written to the access log like the HTTP
 * reads (server/access/read-gate.ts), and so is each refusal (another doctor's call, one taken).
 */
export async function loggedConsultationRead<T>(
  context: DoctorContext,
  consultationId: string,
  read: () => T | Promise<T>,
): Promise<T> {
  const append = async (outcome: 'allowed' | 'refused', reason: string | null) => {
    try {
      await context.deps.accessLog.append({
        actor: { kind: 'doctor', id: context.role.doctor.id },
        action: 'read',
        resource: 'consultation',
        resourceId: consultationId,
        consultationId,
        outcome,
        reason,
        remoteAddress: context.address,
      });
    } catch (error) {
      // The call is taken by then; the error names the consultation so an operator can add it.
      log.error(`access log not written (consultation ${consultationId}, ${outcome}): ${(error as Error).message}`);
    }
  };
  try {
    const result = await read();
    await append('allowed', null);
    return result;
  } catch (error) {
    if (error instanceof SignalFailure) await append('refused', error.code);
    throw error;
  }
}
