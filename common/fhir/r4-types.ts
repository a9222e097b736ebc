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

export interface Patient {
  resourceType: 'Patient';
  id: string;
  identifier: { system: string; value: string }[];
  name: { family: string; given: string[] }[];
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  birthDate?: string;
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

export type BundleResource = Patient | Device | Observation | Media;

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
