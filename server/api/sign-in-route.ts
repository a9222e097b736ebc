import { z } from 'zod';
import { PASSWORD_SIGN_IN_OFF, type SignInMethods } from '../../common/signaling/doctor-sign-in';
import { PLATFORM_API } from '../../common/signaling/fleet';
import { assertUnreachable } from '../../common/util/assert-unreachable';
import { createLogger } from '../../common/util/logger';
import { sendError, type HttpApp } from '../../http/http-server';
import type { DoctorAccounts } from '../auth/doctor-accounts';
import type { DoctorSessions } from '../auth/doctor-sessions';
import { tryAgainLater, type SignInThrottle } from '../auth/sign-in-throttle';

const log = createLogger('platform:sign-in');

const SignIn = z.object({ email: z.string().max(200), password: z.string().max(200) }).strict();

/** Requests per client address per minute on the public routes, before any password is checked. */
export const PUBLIC_ROUTE_RATE = { max: 60, timeWindow: 60_000 } as const;

/**
 * `GET /api/doctor/sign-in-methods` → SignInMethods, for the console to offer them; `POST
 * /api/doctor/sign-in` `{ email, password }` → `{ token, expiresAt, doctor }`, throttled, where the
 * password sign-in is on (development), else 403 before any account is looked at.
 */
export function registerSignInRoute(
  app: HttpApp,
  deps: { accounts: DoctorAccounts; sessions: DoctorSessions; throttle: SignInThrottle; methods: SignInMethods },
): void {
  app.get(PLATFORM_API.doctorSignInMethods, () => deps.methods);
  app.post(
    PLATFORM_API.doctorSignIn,
    { schema: { body: SignIn }, config: { rateLimit: PUBLIC_ROUTE_RATE } },
    async (request, reply) => {
      if (!deps.methods.password) return sendError(reply, 403, 'password-sign-in-off', PASSWORD_SIGN_IN_OFF);
      const { email, password } = request.body;
      const outcome = await deps.throttle.attempt(email, request.ip, () => deps.accounts.verify(email, password));
      switch (outcome.kind) {
        case 'locked':
          log.warn(`sign-in locked for ${outcome.retryAfterSeconds} s`);
          void reply.header('retry-after', String(outcome.retryAfterSeconds));
          return sendError(reply, 429, 'too-many-attempts', tryAgainLater(outcome.retryAfterSeconds));
        case 'refused':
          log.warn('sign-in refused: unknown e-mail or wrong password');
          return sendError(reply, 401, 'unauthorised', 'unknown e-mail or wrong password');
        case 'signed-in': {
          const session = await deps.sessions.create(outcome.value);
          return { token: session.token, expiresAt: new Date(session.expiresAt).toISOString(), doctor: outcome.value };
        }
        default:
          return assertUnreachable(outcome, 'sign-in outcome');
      }
    },
  );
}
