import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { IDENTITY_API, IdentityCheckView } from '../common/identity/identity-check';
import type { IdentityDocument } from '../common/identity/ins';
import { bearerHeader } from './platform-client';

/** The identity is read again this often during the call: INSi's answer or a pharmacist's check shows within it. */
const REFRESH_MS = 5_000;
const One = z.object({ identity: IdentityCheckView });

async function request(path: string, body?: unknown): Promise<IdentityCheckView | null> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...bearerHeader(window.sessionStorage),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return One.parse(await res.json()).identity;
}

/**
 * The consultation's identity as identity vigilance holds it (status, INS, INSi's answer), read
 * during the call; `checkDocument` records the kind of document the doctor checked on camera.
 */
export function useConsultationIdentity(consultationId: string) {
  const [view, setView] = useState<IdentityCheckView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const read = () =>
      void request(IDENTITY_API.consultation(consultationId)).then(
        (v) => live && (setView(v), setFailed(false)),
        () => live && setFailed(true),
      );
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => ((live = false), clearInterval(timer));
  }, [consultationId]);
  const checkDocument = useCallback(
    async (kind: IdentityDocument) => {
      try {
        setView(await request(IDENTITY_API.consultationDocument(consultationId), { kind }));
        setFailed(false);
      } catch {
        setFailed(true);
      }
    },
    [consultationId],
  );
  return { view, failed, checkDocument };
}
