import type { KeyboardEvent } from 'react';
import './body-diagram.css';
import {
  diagramX,
  SITE_PLACES,
  sitesOn,
  type AuscultationSite,
  type BodyView,
  type DiagramViewer,
} from '../../common/auscultation/sites';

export interface BodyDiagramProps {
  view: BodyView;
  /** The doctor sees a facing patient; the patient sees themself as in a mirror (common/auscultation/sites). */
  viewer: DiagramViewer;
  /** The site to show (the patient's diagram shows only this one). */
  selected: AuscultationSite | null;
  /** Says what the drawing shows, for screen readers. */
  title: string;
  /** The patient's own right and left, written at the matching edges (words, not colour, tell the sides). */
  sideLabels: { right: string; left: string };
  /** With it, every site of the view is a button that picks it (the doctor's console). */
  onPick?(site: AuscultationSite): void;
  /** The accessible name of each site's button. */
  siteLabel?(site: AuscultationSite): string;
  testId?: string;
}

// The torso box sites are placed in: midline x=100, half-width 60, from the neck (y 45) to the waist (y 215).
const MID_X = 100;
const HALF_WIDTH = 60;
const NECK_Y = 45;
const TORSO_HEIGHT = 170;

/**
 * A torso, front or back, with the auscultation sites: the doctor picks one on it, the patient is
 * shown where it is on their own body. Drawn in SVG so it stays sharp at any size.
 */
export function BodyDiagram(props: BodyDiagramProps) {
  const { view, viewer, selected, onPick } = props;
  // The patient's right is on the viewer's left only for the doctor facing the patient's front.
  const rightOnLeft = viewer === 'doctor' && view === 'front';
  const sites = onPick ? sitesOn(view) : selected && SITE_PLACES[selected].view === view ? [selected] : [];
  return (
    <svg
      className="body-diagram"
      viewBox="0 0 200 240"
      role={onPick ? 'group' : 'img'}
      aria-label={props.title}
      data-testid={props.testId}
      data-view={view}
    >
      <title>{props.title}</title>
      <Torso view={view} />
      <text x="14" y="232" className="body-side">
        {rightOnLeft ? props.sideLabels.right : props.sideLabels.left}
      </text>
      <text x="186" y="232" textAnchor="end" className="body-side">
        {rightOnLeft ? props.sideLabels.left : props.sideLabels.right}
      </text>
      {sites.map((site) => (
        <Site key={site} {...props} site={site} chosen={site === selected} />
      ))}
    </svg>
  );
}

/** The outline, with the sternum and clavicles in front, the spine and shoulder blades at the back. */
function Torso({ view }: { view: BodyView }) {
  return (
    <>
      <circle cx={MID_X} cy="22" r="18" className="body-outline" />
      <path
        className="body-outline"
        d="M88 38 L88 45 L52 52 Q36 56 34 74 L28 150 L40 152 L46 96 L48 150 Q46 190 52 218 L148 218 Q154 190 152 150 L154 96 L160 152 L172 150 L166 74 Q164 56 148 52 L112 45 L112 38 Z"
      />
      {view === 'front' ? (
        <>
          <line className="body-mark" x1={MID_X} y1="52" x2={MID_X} y2="120" />
          <path className="body-mark" d="M58 56 Q78 50 96 54 M104 54 Q122 50 142 56" />
        </>
      ) : (
        <>
          <line className="body-mark" x1={MID_X} y1="48" x2={MID_X} y2="212" strokeDasharray="4 4" />
          <path
            className="body-mark"
            d="M62 62 Q76 58 88 70 L82 112 Q68 110 62 96 Z M138 62 Q124 58 112 70 L118 112 Q132 110 138 96 Z"
          />
        </>
      )}
    </>
  );
}

/** One site: a marker (ringed when chosen); a button with a name when the diagram picks. */
function Site(p: BodyDiagramProps & { site: AuscultationSite; chosen: boolean }) {
  const place = SITE_PLACES[p.site];
  const x = MID_X + diagramX(place, p.viewer) * HALF_WIDTH;
  const y = NECK_Y + place.down * TORSO_HEIGHT;
  const marker = (
    <>
      {p.chosen && <circle cx={x} cy={y} r="16" className="site-ring" />}
      <circle cx={x} cy={y} r={p.chosen ? 9 : 7} className={p.chosen ? 'site site-chosen' : 'site'} />
      {p.chosen && <circle cx={x} cy={y} r="3" className="site-center" />}
    </>
  );
  const { onPick } = p;
  if (!onPick)
    return (
      <g data-testid={`site-${p.site}`} data-selected={p.chosen}>
        {marker}
      </g>
    );
  const name = p.siteLabel?.(p.site) ?? p.site;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onPick(p.site);
  };
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={name}
      aria-pressed={p.chosen}
      data-testid={`site-${p.site}`}
      className="site-button"
      onClick={() => onPick(p.site)}
      onKeyDown={onKeyDown}
    >
      <title>{name}</title>
      {/* A larger invisible disc: an easy target for the mouse. */}
      <circle cx={x} cy={y} r="14" className="site-hit" />
      {marker}
    </g>
  );
}
