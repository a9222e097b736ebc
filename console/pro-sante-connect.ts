import {
  isPscRefusal,
  PSC_RETURN_PARAM,
  PSC_SIGNED_IN,
  SignInMethods,
  type PscRefusal,
} from '../common/signaling/doctor-sign-in';
import { PLATFORM_API } from '../common/signaling/fleet';
import { DoctorSession } from '../common/signaling/messages';
import { SESSION_KEY } from './platform-client';

/** Which notice the sign-in screen shows after a refused Pro Santé Connect sign-in. */
export type PscNotice = `psc.${PscRefusal}`;

/** What the console knows before its first screen: the sign-ins offered, and how the last one ended. */
export interface SignInStart {
  methods: SignInMethods;
  notice: PscNotice | null;
}

/** When the platform's answer is missing, both are offered: the platform refuses the one it does not have. */
const UNKNOWN_METHODS: SignInMethods = { password: true, proSanteConnect: true };

type Fetch = typeof globalThis.fetch;

export interface SignInStartDeps {
  location: Pick<Location, 'search' | 'pathname'>;
  storage: Storage;
  /** Drops `?psc=…` from the address bar, so a reload does not collect again. */
  replaceUrl(path: string): void;
  fetch: Fetch;
}

/**
 * Runs once when the console loads. Back from Pro Santé Connect (`?psc=signed-in`), it collects the
 * session the platform opened (one POST, the flow's cookie goes with it) into the tab's storage,
 * where the console resumes it like any other; `?psc=<refusal>` becomes the sign-in screen's notice.
 * Then it asks which sign-ins this platform offers.
 */
export async function readSignInStart({ location, storage, replaceUrl, fetch }: SignInStartDeps): Promise<SignInStart> {
  const outcome = new URLSearchParams(location.search).get(PSC_RETURN_PARAM);
  let notice: PscNotice | null = null;
  if (outcome !== null) {
    replaceUrl(location.pathname);
    if (outcome === PSC_SIGNED_IN) {
      if (!(await collectSession(storage, fetch))) notice = 'psc.state-mismatch';
    } else notice = `psc.${isPscRefusal(outcome) ? outcome : 'provider-refused'}`;
  }
  return { methods: await signInMethods(fetch), notice };
}

/** What the platform hands over after the callback; the duty and scope come with `resume-session`. */
const CollectedSession = DoctorSession.pick({ token: true, expiresAt: true, doctor: true });

async function collectSession(storage: Storage, fetch: Fetch): Promise<boolean> {
  try {
    const response = await fetch(PLATFORM_API.pscSession, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    const session = CollectedSession.safeParse(response.ok ? await response.json() : null);
    if (!session.success) return false;
    storage.setItem(SESSION_KEY, JSON.stringify({ token: session.data.token, expiresAt: session.data.expiresAt }));
    return true;
  } catch {
    return false;
  }
}

async function signInMethods(fetch: Fetch): Promise<SignInMethods> {
  try {
    const response = await fetch(PLATFORM_API.doctorSignInMethods);
    const methods = SignInMethods.safeParse(response.ok ? await response.json() : null);
    return methods.success ? methods.data : UNKNOWN_METHODS;
  } catch {
    return UNKNOWN_METHODS;
  }
}
