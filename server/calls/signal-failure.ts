import type { SignalErrorCode } from '../../common/signaling/messages';

/** A refused request: becomes `{ ok: false, error: { code, message } }`. Messages never hold patient data. */
export class SignalFailure extends Error {
  constructor(
    readonly code: SignalErrorCode,
    message: string,
  ) {
    super(message);
  }
}
