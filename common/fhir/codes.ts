/** Code systems and codes of the FHIR export. */
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
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

/**
 * FR Core (Interop'Santé, https://hl7.fr/ig/fhir/core, read in its 2.x FSH sources): the identity
 * reliability extension on Patient, its RNIV status codes (PROV, RECUP, VALI, QUAL) and document
 * codes, the identifier type INS-NIR, and the INSEE code on an address (the birthplace).
 */
export const FR_CORE = 'https://hl7.fr/ig/fhir/core';
export const IDENTITY_RELIABILITY_URL = `${FR_CORE}/StructureDefinition/fr-core-identity-reliability`;
export const IDENTITY_STATUS_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-identity-status`;
export const IDENTITY_VALIDATION_MODE_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-mode-validation-identity`;
export const FR_IDENTIFIER_TYPE_SYSTEM = `${FR_CORE}/CodeSystem/fr-core-cs-v2-0203`;
export const ADDRESS_INSEE_CODE_URL = `${FR_CORE}/StructureDefinition/fr-core-address-insee-code`;
/** INSEE commune codes (nomenclature TRE_R13 of the ANS). */
export const INSEE_COMMUNE_SYSTEM = 'https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM';
/** FHIR core extension: where the patient was born. */
export const BIRTH_PLACE_URL = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
/** A NIR typed or read from a card that INSi has not confirmed: not an INS (our own namespace). */
export const NIR_UNQUALIFIED_SYSTEM = 'urn:kiosk:nir-not-qualified';
/** RPPS through the national health professional identifier's OID (ASIP/ANS). */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
/** The SHA-256 (hex) of exactly the consent text shown to the patient: our own extension. */
export const CONSENT_TEXT_SHA256_URL = 'urn:kiosk:fhir:consent-text-sha256';
export const CONSENT_SCOPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/consentscope';
export const ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
