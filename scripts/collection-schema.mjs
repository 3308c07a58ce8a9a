// Writes docs/schema/*.schema.json from the zod schemas in shared/collections/schema.ts, so an
// editor can check collection files. test/unit/shared/collections/schema-files.test.ts fails
// until the committed files equal what this writes. Run: node --import tsx scripts/collection-schema.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectionJsonSchemas } from '../shared/collections/schema.ts';

const dir = join(import.meta.dirname, '../docs/schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(collectionJsonSchemas())) {
  writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`Wrote docs/schema/${name}`);
}
