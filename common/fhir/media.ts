import type { AuscultationClipInfo } from '../auscultation/clip';
import type { ExamStillInfo } from '../exam-camera/still';
import { SITE_PLACES } from '../auscultation/sites';
import { BODY_STRUCTURE, MEDIA_TYPE, SNOMED } from './codes';
import type { Media, Reference } from './r4-types';
import { stableUuid } from './stable-uuid';

/** A still of the consultation as the export carries it: what the records list, and its image in base64. */
export interface StillForExport extends ExamStillInfo {
  imageBase64: string;
}

/** An auscultation clip as the export carries it: what the records list, and its WAV file in base64. */
export interface ClipForExport extends AuscultationClipInfo {
  wavBase64: string;
}

/** What the doctor recorded during the call, exported as Media beside the readings. */
export interface ConsultationMedia {
  stills?: readonly StillForExport[];
  clips?: readonly ClipForExport[];
}

/** A still from the examination camera as a FHIR Media: an image at its full size, the data inline. */
export function stillMedia(still: StillForExport, subject: Reference | undefined): Media {
  return {
    resourceType: 'Media',
    id: stableUuid(`media:${still.id}`),
    status: 'completed',
    type: { coding: [{ system: MEDIA_TYPE, code: 'image', display: 'Image' }], text: 'Image' },
    ...(subject ? { subject } : {}),
    createdDateTime: still.capturedAt,
    width: still.width,
    height: still.height,
    content: { contentType: still.contentType, data: still.imageBase64, title: 'examination camera still' },
  };
}

/**
 * An auscultation clip as a FHIR Media: the sound (16-bit mono WAV, inline), its length, and where
 * the chest piece was: the organ listened to in SNOMED CT, the site's name as text (our sites are
 * areas of the chest wall, with no SNOMED code each).
 */
export function clipMedia(clip: ClipForExport, subject: Reference | undefined): Media {
  return {
    resourceType: 'Media',
    id: stableUuid(`media:${clip.id}`),
    status: 'completed',
    type: { coding: [{ system: MEDIA_TYPE, code: 'audio', display: 'Audio' }], text: 'Audio' },
    ...(subject ? { subject } : {}),
    createdDateTime: clip.recordedAt,
    bodySite: {
      coding: [{ system: SNOMED, ...BODY_STRUCTURE[SITE_PLACES[clip.site].organ] }],
      text: `auscultation site: ${clip.site}`,
    },
    duration: clip.durationMs / 1000,
    content: { contentType: 'audio/wav', data: clip.wavBase64, title: `stethoscope, ${clip.site}` },
  };
}

/** The consultation's stills, then its clips, as Media. */
export function consultationMedia(media: ConsultationMedia, subject: Reference | undefined): Media[] {
  return [
    ...(media.stills ?? []).map((still) => stillMedia(still, subject)),
    ...(media.clips ?? []).map((clip) => clipMedia(clip, subject)),
  ];
}
