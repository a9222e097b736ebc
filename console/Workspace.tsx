import type { ReactNode, RefObject } from 'react';
import { AuscultationPanel } from './AuscultationPanel';
import type { ConsultationDraft, Accepted } from './ConsultationView';
import { ExamCameraPanel, type CameraView } from './ExamCameraPanel';
import { IdentityPanel } from './IdentityPanel';
import { useConsultationIdentity } from './identity-api';
import type { IdentityDocument } from '../common/identity/ins';
import { useT, type MessageKey } from './i18n';
import { NoteEditor } from './NoteEditor';
import type { DoctorClient } from './platform-client';
import { PrescriptionEditor } from './PrescriptionEditor';
import type { ConsultationNote } from '../common/signaling/messages';
import type { useConsultationMedia } from './use-consultation-media';

/** The workspace's sections, in the order the doctor usually works; each is a stop of the section bar. */
const SECTIONS = [
  { id: 'identity', label: 'identity.title' },
  { id: 'note', label: 'note.legend' },
  { id: 'rx', label: 'rx.title' },
  { id: 'ausc', label: 'ausc.title' },
  { id: 'exam', label: 'exam.short' },
] as const satisfies readonly { id: string; label: MessageKey }[];

/**
 * The section bar: brings a section of the workspace into view and moves the focus there. Every
 * section stays in the page (a recording clip or a typed line is never unmounted); the workspace
 * scrolls inside itself, so video and vitals stay in sight.
 */
export function SectionBar() {
  const t = useT();
  const go = (id: string) => {
    const section = document.getElementById(`ws-${id}`);
    section?.scrollIntoView({ block: 'start' });
    section?.focus({ preventScroll: true });
  };
  return (
    <nav className="section-bar" aria-label={t('call.sections')}>
      {SECTIONS.map((s) => (
        <button key={s.id} type="button" data-testid={`go-${s.id}`} onClick={() => go(s.id)}>
          {t(s.label)}
        </button>
      ))}
    </nav>
  );
}

/**
 * One workspace section: where the section bar moves the focus. Not a landmark of its own: the
 * panel inside is the labelled section (two landmarks of one name would confuse a screen reader).
 */
function WorkspaceSection({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={`ws-${id}`} className="ws-section" tabIndex={-1}>
      {children}
    </div>
  );
}

export interface WorkspaceSectionsProps {
  client: DoctorClient;
  accepted: Accepted;
  call: ReturnType<typeof useConsultationMedia>;
  draft: ConsultationDraft;
  onDraft(update: (draft: ConsultationDraft) => ConsultationDraft): void;
  requests: { verify(verified: boolean): void; editNote(note: ConsultationNote): void; ending: boolean };
  /** The note's first box, focused by the notes shortcut. */
  notesRef: RefObject<HTMLTextAreaElement | null>;
  onClipBusy(busy: boolean): void;
  camera: { view: CameraView; onView(view: CameraView): void };
}

/** The workspace's column: the section bar, then every section in its own scrolling box. */
export function WorkspaceSections(p: WorkspaceSectionsProps) {
  const { client, accepted, call, draft, onDraft, requests } = p;
  const { consultationId } = accepted;
  const identity = useConsultationIdentity(consultationId);
  const vigilance = { ...identity, checkDocument: (kind: IdentityDocument) => void identity.checkDocument(kind) };
  return (
    <>
      <SectionBar />
      <div className="workspace-scroll" data-testid="workspace">
        <WorkspaceSection id="identity">
          <IdentityPanel
            identity={accepted.identity}
            verified={draft.verified}
            onVerify={requests.verify}
            vigilance={vigilance}
          />
        </WorkspaceSection>
        <WorkspaceSection id="note">
          <NoteEditor
            note={draft.note}
            focusRef={p.notesRef}
            measurements={Object.values(call.vitals.recorded).map((r) => r.value)}
            onChange={requests.editNote}
          />
        </WorkspaceSection>
        <WorkspaceSection id="rx">
          <PrescriptionEditor
            lines={draft.lines}
            onChange={(next) => onDraft((d) => ({ ...d, lines: next }))}
            disabled={requests.ending}
          />
        </WorkspaceSection>
        <WorkspaceSection id="ausc">
          <AuscultationPanel client={client} consultationId={consultationId} media={call} onBusy={p.onClipBusy} />
        </WorkspaceSection>
        <WorkspaceSection id="exam">
          <ExamCameraPanel
            client={client}
            consultationId={consultationId}
            media={call}
            view={p.camera.view}
            onView={p.camera.onView}
          />
        </WorkspaceSection>
      </div>
    </>
  );
}
