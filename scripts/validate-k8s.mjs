// Validates deploy/k8s/*.yaml against the Kubernetes API's JSON schemas (the validators generated from the
// Kubernetes OpenAPI document that the `kubernetes-models` package ships; no cluster, no network), strictly:
// a field the schema does not know is an error, as `kubectl apply --validate=strict` would say. Then checks
// what the schemas cannot: the pieces issue #20 asks for, probes on the app's real paths, selectors that
// match the pods, and named ports that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';

const dir = process.argv[2] ?? 'deploy/k8s';
const SCHEMAS = {
  'v1/ConfigMap': 'IoK8sApiCoreV1ConfigMap',
  'v1/Secret': 'IoK8sApiCoreV1Secret',
  'v1/Service': 'IoK8sApiCoreV1Service',
  'apps/v1/Deployment': 'IoK8sApiAppsV1Deployment',
  'batch/v1/Job': 'IoK8sApiBatchV1Job',
  'policy/v1/PodDisruptionBudget': 'IoK8sApiPolicyV1PodDisruptionBudget',
};
// The package exports only its models; the schema validators sit beside them.
const schemasDir = path.join(path.dirname(createRequire(import.meta.url).resolve('kubernetes-models/package.json')), '_schemas');
const HEALTH_PATHS = new Set(['/health', '/health/ready']);

/**
 * A copy of `value` whose reads are recorded. The generated validators read every property their schema
 * declares and enumerate the keys only of maps (labels, data…), so a key never read on an object whose keys
 * were never enumerated is unknown to the schema.
 */
function tracked(value, unknown, at) {
  if (!value || typeof value !== 'object') return value;
  const read = new Set();
  let enumerated = false;
  const copy = Array.isArray(value)
    ? value.map((v, i) => tracked(v, unknown, `${at}/${i}`))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tracked(v, unknown, `${at}/${k}`)]));
  if (!Array.isArray(value)) unknown.push(() => (enumerated ? [] : Object.keys(value).filter((k) => !read.has(k)).map((k) => `${at}/${k}`)));
  return new Proxy(copy, {
    get: (t, k, r) => { if (typeof k === 'string') read.add(k); return Reflect.get(t, k, r); },
    has: (t, k) => { if (typeof k === 'string') read.add(k); return Reflect.has(t, k); },
    ownKeys: (t) => { enumerated = true; return Reflect.ownKeys(t); },
  });
}

const problems = [];
const objects = [];
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) problems.push(`${dir}: no manifests`);
for (const file of files) {
  const docs = YAML.parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'));
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length) { problems.push(`${file}#${i}: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    const where = `${file}: ${obj.kind ?? '?'} ${obj.metadata?.name ?? '?'}`;
    const schema = SCHEMAS[`${obj.apiVersion}/${obj.kind}`];
    if (!schema) { problems.push(`${where}: no schema for ${obj.apiVersion} ${obj.kind} (add it to scripts/validate-k8s.mjs)`); continue; }
    const { validate } = await import(pathToFileURL(path.join(schemasDir, `${schema}.mjs`)).href);
    const unknown = [];
    if (!validate(tracked(obj, unknown, ''))) problems.push(...validate.errors.map((e) => `${where}: ${e.instancePath || '/'} ${e.message}`));
    for (const field of unknown.flatMap((f) => f())) problems.push(`${where}: ${field} is not a field of ${obj.kind}`);
    objects.push({ where, obj });
  }
}

const ofKind = (kind) => objects.filter((o) => o.obj.kind === kind);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
for (const kind of ['Deployment', 'Service', 'PodDisruptionBudget', 'Job']) if (ofKind(kind).length === 0) problems.push(`${dir}: no ${kind}`);
const podTemplates = [];
for (const { where, obj } of [...ofKind('Deployment'), ...ofKind('Job')]) {
  const template = obj.spec?.template;
  podTemplates.push({ where, obj, labels: template?.metadata?.labels ?? {} });
  if (obj.kind === 'Deployment' && !matches(obj.spec?.selector?.matchLabels, template?.metadata?.labels)) problems.push(`${where}: spec.selector does not match the pod template's labels`);
  for (const c of template?.spec?.containers ?? []) {
    const ports = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
    if (obj.kind === 'Deployment') {
      for (const probe of ['readinessProbe', 'livenessProbe']) if (!c[probe]) problems.push(`${where}: container ${c.name} has no ${probe}`);
    }
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const get = c[probe]?.httpGet;
      if (!get) continue;
      if (!HEALTH_PATHS.has(get.path)) problems.push(`${where}: ${c.name}.${probe} probes ${get.path}, which the app does not serve (/health, /health/ready)`);
      if (!ports.has(get.port)) problems.push(`${where}: ${c.name}.${probe} uses port ${get.port}, which the container does not declare`);
    }
    if (c.livenessProbe?.httpGet?.path === '/health/ready') problems.push(`${where}: liveness must not depend on the database (use /health)`);
  }
}
const deployments = podTemplates.filter((p) => p.obj.kind === 'Deployment');
for (const { where, obj } of [...ofKind('Service'), ...ofKind('PodDisruptionBudget')]) {
  const selector = obj.kind === 'Service' ? obj.spec?.selector : obj.spec?.selector?.matchLabels;
  const target = deployments.find((d) => matches(selector, d.labels));
  if (!target) { problems.push(`${where}: its selector matches no Deployment's pods`); continue; }
  if (obj.kind === 'Service') {
    const names = new Set(target.obj.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).flatMap((p) => [p.name, p.containerPort])));
    for (const p of obj.spec.ports ?? []) if (!names.has(p.targetPort ?? p.port)) problems.push(`${where}: port ${p.name} targets ${p.targetPort}, which the pods do not declare`);
  }
  if (obj.kind === 'PodDisruptionBudget' && typeof obj.spec.minAvailable === 'number' && obj.spec.minAvailable >= (target.obj.spec.replicas ?? 1)) {
    problems.push(`${where}: minAvailable ${obj.spec.minAvailable} leaves no pod to evict among ${target.obj.spec.replicas ?? 1} replicas (drains would hang)`);
  }
}

if (problems.length) {
  console.error(`${dir} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`${dir}: valid (${objects.map((o) => `${o.obj.kind} ${o.obj.metadata.name}`).join(', ')})`);
