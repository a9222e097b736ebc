import { z } from 'zod';

/**
 * Where the doctor asks the patient to put the stethoscope's chest piece: the four classic heart
 * areas and four lung sites on each side of the chest, front and back. The doctor picks one on the
 * console's body diagram; the kiosk shows the same spot on its own diagram with plain words.
 */
export const AUSCULTATION_SITES = [
  'aortic',
  'pulmonary',
  'tricuspid',
  'mitral',
  'lung-front-upper-right',
  'lung-front-upper-left',
  'lung-front-lower-right',
  'lung-front-lower-left',
  'lung-back-upper-right',
  'lung-back-upper-left',
  'lung-back-lower-right',
  'lung-back-lower-left',
] as const;
export const AuscultationSite = z.enum(AUSCULTATION_SITES);
export type AuscultationSite = z.infer<typeof AuscultationSite>;

/** Which side of the body a diagram shows. */
export type BodyView = 'front' | 'back';

/**
 * A site on the torso, in the patient's own terms so each side can draw it its own way:
 * `lateral` runs from the midline (0) towards the patient's left (+1 = the torso's left edge) or
 * right (−1); `down` from the base of the neck (0) to the waist (1).
 */
export interface SitePlace {
  readonly view: BodyView;
  readonly lateral: number;
  readonly down: number;
  /** Heart sounds or breath sounds: the patient is told to hold still or to breathe deeply. */
  readonly organ: 'heart' | 'lungs';
}

/**
 * The usual landmarks: aortic 2nd intercostal space right of the sternum, pulmonary the same on the
 * left, tricuspid the lower left sternal border, mitral the apex (5th space, mid-clavicular line);
 * lungs below the clavicles and low on the sides in front, between spine and shoulder blade and
 * below the shoulder blades at the back.
 */
export const SITE_PLACES: Readonly<Record<AuscultationSite, SitePlace>> = {
  aortic: { view: 'front', lateral: -0.16, down: 0.2, organ: 'heart' },
  pulmonary: { view: 'front', lateral: 0.16, down: 0.2, organ: 'heart' },
  tricuspid: { view: 'front', lateral: 0.12, down: 0.42, organ: 'heart' },
  mitral: { view: 'front', lateral: 0.5, down: 0.47, organ: 'heart' },
  'lung-front-upper-right': { view: 'front', lateral: -0.5, down: 0.14, organ: 'lungs' },
  'lung-front-upper-left': { view: 'front', lateral: 0.5, down: 0.14, organ: 'lungs' },
  'lung-front-lower-right': { view: 'front', lateral: -0.62, down: 0.58, organ: 'lungs' },
  'lung-front-lower-left': { view: 'front', lateral: 0.66, down: 0.62, organ: 'lungs' },
  'lung-back-upper-right': { view: 'back', lateral: -0.32, down: 0.2, organ: 'lungs' },
  'lung-back-upper-left': { view: 'back', lateral: 0.32, down: 0.2, organ: 'lungs' },
  'lung-back-lower-right': { view: 'back', lateral: -0.48, down: 0.6, organ: 'lungs' },
  'lung-back-lower-left': { view: 'back', lateral: 0.48, down: 0.6, organ: 'lungs' },
};

/**
 * Who looks at the diagram. The doctor sees the patient as a facing person (front: the patient's
 * left on the viewer's right; back: seen from behind, left on the left). The patient sees themself
 * as in a mirror, so their left is always on their left, front and back alike.
 */
export type DiagramViewer = 'doctor' | 'patient';

/** Horizontal place of a site in a diagram, from −1 (viewer's left edge) to +1 (right edge). */
export function diagramX(place: SitePlace, viewer: DiagramViewer): number {
  const leftOnRight = viewer === 'doctor' && place.view === 'front';
  return leftOnRight ? place.lateral : -place.lateral;
}

/** The sites a diagram of `view` shows. */
export function sitesOn(view: BodyView): AuscultationSite[] {
  return AUSCULTATION_SITES.filter((site) => SITE_PLACES[site].view === view);
}
