import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffIdentityView } from '../common/identity/identity-check';
import { IdentityDocument } from '../common/identity/ins';
import { IdentityRequestError, type IdentityClient } from './identity-client';

/** The list is read again this often: an identity synced by a cabin shows within this time. */
const REFRESH_MS = 10_000;

/** A lunar date (day or month 00) stays as the register holds it. */
function shownDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The identities of today's patients in the pharmacy's cabins, for identity vigilance (RNIV): the
 * traits, the status, what INSi answered, and the buttons to record the identity document the
 * pharmacist checked against them. Only the kind of document is sent: never its number nor a photo.
 */
export function IdentityPanel({ client }: { client: IdentityClient }) {
  const { t } = useTranslation();
  const [identities, setIdentities] = useState<StaffIdentityView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const read = useCallback(
    () =>
      void client.list().then(
        (list) => (setIdentities(list), setFailure(null)),
        () => setFailure(t('identities.unreachable')),
      ),
    [client, t],
  );
  useEffect(() => {
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => clearInterval(timer);
  }, [read]);

  /** Runs one request on an identity (its buttons disabled meanwhile) and shows the identity it returns. */
  const update = async (sessionId: string, request: () => Promise<StaffIdentityView>, refusedKey: string) => {
    setBusy(sessionId);
    setFailure(null);
    try {
      const view = await request();
      setIdentities((list) => list?.map((v) => (v.sessionId === sessionId ? view : v)) ?? [view]);
    } catch (error) {
      const refused = error instanceof IdentityRequestError && error.kind === 'refused';
      setFailure(refused ? t(refusedKey, { reason: error.message }) : t('identities.unreachable'));
    } finally {
      setBusy(null);
    }
  };
  const check = (sessionId: string, kind: IdentityDocument) =>
    update(sessionId, () => client.checkDocument(sessionId, kind), 'identities.refused');
  const askInsiAgain = (sessionId: string) =>
    update(sessionId, () => client.askInsiAgain(sessionId), 'identities.insiAgainRefused');

  return (
    <section className="identities" aria-labelledby="identities-title" data-testid="identities">
      <h2 id="identities-title">{t('identities.title')}</h2>
      <p className="note">{t('identities.note')}</p>
      {identities?.length === 0 && <p>{t('identities.none')}</p>}
      <ul>
        {identities?.map((view) => (
          <IdentityItem
            key={view.sessionId}
            view={view}
            busy={busy === view.sessionId}
            onCheck={(sessionId, kind) => void check(sessionId, kind)}
            onAskInsi={(sessionId) => void askInsiAgain(sessionId)}
          />
        ))}
      </ul>
      {failure && (
        <p role="alert" data-testid="identities-error">
          {failure}
        </p>
      )}
    </section>
  );
}

function IdentityItem(p: {
  view: StaffIdentityView;
  busy: boolean;
  onCheck(sessionId: string, kind: IdentityDocument): void;
  onAskInsi(sessionId: string): void;
}) {
  const { t } = useTranslation();
  const { identity } = p.view;
  const { traits, status } = identity;
  const done = identity.document !== null;
  return (
    <li
      className={`identity ${status}`}
      data-testid="identity-item"
      data-session-id={p.view.sessionId}
      data-status={status}
    >
      <p className="identity-name">
        {traits.birthName} {traits.birthGivenNames}
        {traits.usedName && ` (${t('identities.usedName', { name: traits.usedName })})`}
      </p>
      <p>
        {t(`identities.sex.${traits.sex}`)} ·{' '}
        {t('identities.born', {
          date: shownDate(traits.birthDate),
          place: p.view.birthplace ?? traits.birthplaceCode,
          code: traits.birthplaceCode,
        })}
        {' · '}
        {t(`identities.source.${p.view.source}`)}
      </p>
      <p className="identity-status" data-testid="identity-status">
        <span aria-hidden="true">{status === 'qualified' ? '✓ ' : '⚠ '}</span>
        {t(`identities.status.${status}`)}
        {identity.ins && status === 'qualified' && ` — INS ${identity.ins}`}
      </p>
      <InsiLine view={p.view} busy={p.busy} onAskInsi={p.onAskInsi} />
      {done ? (
        <p data-testid="identity-document">
          {t('identities.checked', { document: t(`identities.document.${identity.document!.kind}`) })}
        </p>
      ) : (
        <div className="identity-documents" role="group" aria-label={t('identities.checkWith')}>
          <span>{t('identities.checkWith')}</span>
          {IdentityDocument.options.map((kind) => (
            <button
              type="button"
              key={kind}
              data-testid={`identity-check-${kind}`}
              disabled={p.busy}
              onClick={() => p.onCheck(p.view.sessionId, kind)}
            >
              {t(`identities.document.${kind}`)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

/** What INSi answered; where it gave no answer (network down, teleservice failing), a button to ask it again. */
function InsiLine(p: { view: StaffIdentityView; busy: boolean; onAskInsi(sessionId: string): void }) {
  const { t } = useTranslation();
  const { insi } = p.view;
  return (
    <p data-testid="identity-insi" data-insi={insi?.kind ?? 'none'}>
      {t(`identities.insi.${insi?.kind ?? 'unavailable'}`)}{' '}
      {insi?.kind === 'unavailable' && (
        <button
          type="button"
          data-testid="identity-insi-again"
          disabled={p.busy}
          onClick={() => p.onAskInsi(p.view.sessionId)}
        >
          {t('identities.askInsiAgain')}
        </button>
      )}
    </p>
  );
}
