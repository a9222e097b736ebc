/**
 * The parts of FHIR R4 (4.0.1) the consultation export produces; shapes follow
 * http://hl7.org/fhir/R4/ (only the elements we fill are declared).
 */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}
export interface CodeableConcept {
  coding: Coding[];
  text?: string;
}
export interface Quantity {
  value: number;
  /** Human-readable unit. */
  unit: string;
  system: 'http://unitsofmeasure.org';
  /** UCUM code. */
  code: string;
}
export interface Reference {
  reference: string;
  display?: string;
}

/** An extension: a value, or (complex extensions) sub-extensions. */
export interface Extension {
  url: string;
  valueCoding?: Coding;
  valueDate?: string;
  valueString?: string;
  valueAddress?: { extension?: Extension[]; country?: string };
  extension?: Extension[];
}

export interface Identifier {
  use?: 'usual' | 'official' | 'temp' | 'secondary';
  type?: CodeableConcept | { text: string };
  system: string;
  value: string;
}

export interface Patient {
  resourceType: 'Patient';
  id: string;
  extension?: Extension[];
  /** Absent when empty (FHIR JSON has no empty arrays). */
  identifier?: Identifier[];
  name?: { use?: 'official' | 'usual'; family: string; given: string[] }[];
  gender?: 'male' | 'female' | 'other' | 'unknown';
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
}

/** One consent given (or refused, or withdrawn) for one use, tied to the text shown. */
export interface Consent {
  resourceType: 'Consent';
  id: string;
  extension: Extension[];
  status: 'active' | 'rejected' | 'inactive';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient?: Reference;
  /** ISO 8601 time the answer was given. */
  dateTime: string;
  policy: { uri: string }[];
  sourceAttachment: { contentType: string; language: string; title: string };
  provision: { type: 'permit' | 'deny'; period?: { start: string; end?: string }; purpose?: Coding[] };
}

/** One line of the doctor's prescription, grouped by the prescription's unique identifier. */
export interface MedicationRequest {
  resourceType: 'MedicationRequest';
  id: string;
  identifier: Identifier[];
  status: 'active';
  intent: 'order';
  groupIdentifier: Identifier;
  medicationCodeableConcept: { text: string };
  subject: Reference;
  authoredOn: string;
  requester: { identifier: Identifier; display: string };
  dosageInstruction?: { text: string }[];
  note?: { text: string }[];
}

export interface Device {
  resourceType: 'Device';
  id: string;
  identifier: { system: string; value: string }[];
  deviceName: { name: string; type: 'model-name' | 'manufacturer-name' | 'user-friendly-name' }[];
  modelNumber: string;
  serialNumber?: string;
}

export interface ObservationComponent {
  code: CodeableConcept;
  valueQuantity?: Quantity;
  dataAbsentReason?: CodeableConcept;
}

export interface Observation {
  resourceType: 'Observation';
  id: string;
  status: 'final';
  category: CodeableConcept[];
  code: CodeableConcept;
  subject?: Reference;
  /** ISO 8601 time the reading was taken. */
  effectiveDateTime: string;
  device: Reference;
  valueQuantity?: Quantity;
  dataAbsentReason?: CodeableConcept;
  component?: ObservationComponent[];
  note?: { text: string }[];
}

/** An image taken during the consultation (a still from the examination camera), its data inline. */
export interface Media {
  resourceType: 'Media';
  id: string;
  status: 'completed';
  type: CodeableConcept;
  subject?: Reference;
  /** ISO 8601 time it was captured. */
  createdDateTime: string;
  /** Where on the body (an auscultation site). */
  bodySite?: CodeableConcept;
  /** Images only. */
  width?: number;
  height?: number;
  /** Seconds; sound only. */
  duration?: number;
  content: { contentType: string; data: string; title?: string };
}

/** One part of a document, its text as XHTML narrative. */
export interface CompositionSection {
  title: string;
  code?: CodeableConcept;
  text: { status: 'generated'; div: string };
}

/** A clinical document: here the doctor's consultation note, one section per part. */
export interface Composition {
  resourceType: 'Composition';
  id: string;
  status: 'final';
  type: CodeableConcept;
  subject?: Reference;
  /** ISO 8601 time the document was finished (the end of the call). */
  date: string;
  /** The doctor, by RPPS (no Practitioner resource in the bundle). */
  author: { identifier: { system: string; value: string }; display: string }[];
  title: string;
  section: CompositionSection[];
}

export type BundleResource = Patient | Device | Observation | Media | Consent | MedicationRequest | Composition;

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  identifier: { system: string; value: string };
  type: 'collection';
  /** ISO 8601 time the bundle was assembled. */
  timestamp: string;
  /** Absent when empty (FHIR JSON forbids empty arrays). */
  entry?: { fullUrl: string; resource: BundleResource }[];
}
