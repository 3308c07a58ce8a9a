import { createRequire } from 'node:module';
import { isIPv4, isIPv6 } from 'node:net';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);

/** Validates a HAR document against the HAR 1.2 schema from har-schema; returns the errors, or null. */
export function harErrors(document: unknown): unknown[] | null {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  // The formats HAR uses (ajv-formats is not installed).
  ajv.addFormat('ipv4', (value: string) => isIPv4(value));
  ajv.addFormat('ipv6', (value: string) => isIPv6(value));
  ajv.addFormat('date-time', (value: string) =>
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value),
  );
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  const schemas = require('har-schema') as Record<string, { $id: string }>;
  for (const schema of Object.values(schemas)) ajv.addSchema(schema, schema.$id);
  const validate = ajv.getSchema('har.json#');
  if (!validate) throw new Error('har.json# not registered');
  return validate(document) ? null : (validate.errors ?? []);
}
