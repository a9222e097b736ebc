/** Code systems and codes of the FHIR export. */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
/** INS-NIR: the French national health identifier (NIR) as an OID (ANS). */
export const NIR_SYSTEM = 'urn:oid:1.2.250.1.213.1.4.8';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
/** Our own URN namespace for kiosk-local identifiers (device ids, session ids). */
export const KIOSK_DEVICE_SYSTEM = 'urn:kiosk:device-id';
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

export const VITALS = {
  bodyTemperature: { code: '8310-5', display: 'Body temperature', unit: 'Cel' },
  bloodPressurePanel: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', unit: 'mm[Hg]' },
  heartRate: { code: '8867-4', display: 'Heart rate', unit: '/min' },
  oxygenSaturation: { code: '2708-6', display: 'Oxygen saturation in Arterial blood', unit: '%' },
} as const;
export const MEDIA_TYPE = 'http://terminology.hl7.org/CodeSystem/media-type';

/** SNOMED CT, for the body structure an auscultation listened to. */
export const SNOMED = 'http://snomed.info/sct';
export const BODY_STRUCTURE = {
  heart: { code: '80891009', display: 'Heart structure' },
  lungs: { code: '39607008', display: 'Lung structure' },
} as const;
