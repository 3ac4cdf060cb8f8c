// `npm run schema`: writes coursemap.schema.json (the JSON schema of coursemap.config.json) from
// the valibot schema in src/config/schema.ts. test/config-schema.test.ts fails when the committed
// file is stale. Dev-only: @valibot/to-json-schema is a dev dependency.
import { writeFileSync } from 'node:fs';
import { toJsonSchema } from '@valibot/to-json-schema';
import { CONFIG_SCHEMA } from '../src/config/schema.ts';
import { SCHEMA_FILE } from '../src/config/index.ts';

/** The schema file's text: JSON Schema draft-07 of what users write (before normalising). */
export function configJsonSchemaText(): string {
  // `finite` has no JSON Schema form, and JSON numbers are always finite.
  const schema = toJsonSchema(CONFIG_SCHEMA, { typeMode: 'input', ignoreActions: ['finite'] });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(SCHEMA_FILE, configJsonSchemaText());
  console.error(`wrote ${SCHEMA_FILE}`);
}
