import type { ExamStillInfo } from '../exam-camera/still';
import { MEDIA_TYPE } from './codes';
import type { Media, Reference } from './r4-types';
import { stableUuid } from './stable-uuid';

/** A still of the consultation as the export carries it: what the records list, and its image in base64. */
export interface StillForExport extends ExamStillInfo {
  imageBase64: string;
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
