import { useEffect, useState } from 'react';
import type { PrescriptionDraft } from '../common/signaling/messages';
import { useT } from './i18n';
import { fetchPrescriptionPreview } from './prescription-pdf';

export interface PrescriptionPreviewProps {
  consultationId: string;
  draft: PrescriptionDraft;
  /** The call is being ended with this draft: the buttons wait. */
  signing: boolean;
  onSign(): void;
  onClose(): void;
  /** Where the session token is (tests give their own). */
  storage?: Storage;
}

type Preview = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed'; reason: string };

/** Fetches the preview PDF of `draft` again whenever `attempt` changes; the object URL lives as long as it is shown. */
function usePreviewPdf(storage: Storage, consultationId: string, draft: PrescriptionDraft, attempt: number): Preview {
  const [preview, setPreview] = useState<Preview>({ status: 'loading' });
  const key = JSON.stringify(draft);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    setPreview({ status: 'loading' });
    void fetchPrescriptionPreview(storage, consultationId, JSON.parse(key) as PrescriptionDraft).then((result) => {
      if (!live) return;
      if (!result.ok) return setPreview({ status: 'failed', reason: result.error });
      url = URL.createObjectURL(result.value);
      setPreview({ status: 'ready', url });
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [storage, consultationId, key, attempt]);
  return preview;
}

/**
 * The ordonnance as the platform will issue it, shown before the doctor signs: the platform's own
 * PDF (marked "APERÇU", nothing numbered yet) in a frame, then "sign, send and end" — which ends the
 * call with this draft, as the end button did — or back to the composer. A modal dialog: the view
 * behind is inert while it is open; Escape goes back.
 */
export function PrescriptionPreview(p: PrescriptionPreviewProps) {
  const t = useT();
  const [attempt, setAttempt] = useState(0);
  const preview = usePreviewPdf(p.storage ?? window.sessionStorage, p.consultationId, p.draft, attempt);
  return (
    <div className="modal-backdrop">
      <section
        className="rx-preview"
        role="dialog"
        aria-modal="true"
        aria-labelledby="rx-preview-title"
        data-testid="rx-preview"
        data-status={preview.status}
        onKeyDown={(e) => e.key === 'Escape' && p.onClose()}
      >
        <h2 id="rx-preview-title">{t('rx.previewTitle')}</h2>
        <p className="meta">{t('rx.previewHint')}</p>
        {preview.status === 'loading' && <p role="status">{t('rx.previewLoading')}</p>}
        {preview.status === 'failed' && (
          <p className="bad" role="alert" data-testid="rx-preview-failed">
            {t('rx.previewFailed', { reason: preview.reason })}
          </p>
        )}
        {preview.status === 'ready' && (
          <iframe
            className="rx-preview-pdf"
            title={t('rx.previewFrame')}
            src={preview.url}
            data-testid="rx-preview-pdf"
          />
        )}
        <div className="actions">
          <button type="button" autoFocus data-testid="rx-preview-back" disabled={p.signing} onClick={p.onClose}>
            {t('rx.back')}
          </button>
          {preview.status === 'failed' && (
            <button type="button" data-testid="rx-preview-retry" onClick={() => setAttempt((n) => n + 1)}>
              {t('rx.retry')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="rx-sign"
            disabled={preview.status !== 'ready' || p.signing}
            onClick={p.onSign}
          >
            {t('rx.sign')}
          </button>
        </div>
      </section>
    </div>
  );
}
