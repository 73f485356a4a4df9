// A CRD whose schema or rules cannot be turned into a validator.

export class CrdSchemaError extends Error {
  readonly code = 'CrdSchemaInvalid';
  readonly crdName: string;
  readonly version: string;

  constructor(crdName: string, version: string, detail: string) {
    super(`CustomResourceDefinition "${crdName}" version ${version}: ${detail}; fix the CRD's openAPIV3Schema and install it again`);
    this.name = 'CrdSchemaError';
    this.crdName = crdName;
    this.version = version;
  }
}
