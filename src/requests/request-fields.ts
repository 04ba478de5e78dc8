import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Issue #15 item 1: the extra fields an offering kind (or one offering) asks of a request, as a JSON Schema kept
 * as data (request_field_schema). Pure: validation of values against a schema, with field errors a person can
 * act on, labelled from the schema (`title`, `x-title-fr`). Besides JSON Schema, a schema may use:
 *
 * - `x-options: "<list>"`: the value must be a code of a reference list the server keeps as data
 *   (`allied-nations`: the 32 Allies), checked against the list given at validation time;
 * - `x-months-after-submission: { min, max }` on a date: checked on submission only, from the submission day;
 * - `x-enum-titles` / `x-enum-titles-fr`, `x-description-fr`: labels for forms.
 */

export type JsonSchema = Record<string, unknown>;

/** One field's problem: a JSON-pointer-like path into the values (`/natoDirector/country`), a stable code and a message. */
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

/** A reference list a schema may name with `x-options`. */
export interface OptionList {
  /** How a message names a member, e.g. "an Allied nation". */
  noun: string;
  codes: ReadonlySet<string>;
}

export interface FieldCheck {
  /** draft: every problem is reported and the values are kept; submit: the submission-time checks run too, and any problem refuses it. */
  mode: 'draft' | 'submit';
  /** The submission day, YYYY-MM-DD (the database's current date). */
  today: string;
  language: 'en' | 'fr';
  options: Readonly<Record<string, OptionList>>;
}

const X_KEYWORDS = ['x-title-fr', 'x-options', 'x-months-after-submission', 'x-enum-titles', 'x-enum-titles-fr', 'x-description-fr'];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(X_KEYWORDS);
  ajv.addFormat('date', { type: 'string', validate: isDate });
  ajv.addFormat('email', { type: 'string', validate: (s: string) => EMAIL.test(s) });
  return ajv;
}

const ajv = makeAjv();
/** Compiled validators by schema text: a kind's schema changes rarely, and compiling costs more than validating. */
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    if (compiled.size > 200) compiled.clear();
    compiled.set(key, fn);
  }
  return fn;
}

/** Why a schema cannot be used (an administrator's setRequestFieldSchema), or null when it compiles. */
export function schemaProblem(schema: unknown): string | null {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'The schema must be a JSON object.';
  if ((schema as JsonSchema).type !== 'object') return 'The schema must describe an object: set "type": "object" at its root.';
  try {
    makeAjv().compile(schema as JsonSchema);
    return null;
  } catch (e) {
    return `The schema is not a valid JSON Schema: ${(e as Error).message}`;
  }
}

/** The sub-schema at a values path (`/a/0/b`), following properties and items. */
function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of path.split('/').filter(Boolean)) {
    if (!node) return undefined;
    const props = node.properties as Record<string, JsonSchema> | undefined;
    if (props && segment in props) node = props[segment];
    else if (node.items && /^\d+$/.test(segment)) node = node.items as JsonSchema;
    else return undefined;
  }
  return node;
}

function titleOf(node: JsonSchema | undefined, language: 'en' | 'fr', fallback: string): string {
  if (!node) return fallback;
  const title = language === 'fr' ? (node['x-title-fr'] ?? node.title) : node.title;
  return typeof title === 'string' ? title : fallback;
}

/** "NATO-country project director › Email", or "Milestones 2 › Date": the labels from the root to the field. */
export function labelOf(schema: JsonSchema, path: string, language: 'en' | 'fr'): string {
  const segments = path.split('/').filter(Boolean);
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (/^\d+$/.test(seg) && parts.length) {
      parts[parts.length - 1] = `${parts[parts.length - 1]} ${Number(seg) + 1}`;
      continue;
    }
    parts.push(titleOf(schemaAt(schema, `/${segments.slice(0, i + 1).join('/')}`), language, seg));
  }
  return parts.join(' › ') || titleOf(schema, language, 'the fields');
}

const fr = (c: FieldCheck) => c.language === 'fr';

function describe(schema: JsonSchema, e: ErrorObject, c: FieldCheck): FieldProblem | null {
  const base = e.instancePath;
  const node = schemaAt(schema, base);
  const label = () => labelOf(schema, base, c.language);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const path = `${base}/${String(p.missingProperty)}`;
      const l = labelOf(schema, path, c.language);
      return { path, code: 'REQUIRED', message: fr(c) ? `Indiquez : ${l}.` : `Give ${l}.` };
    }
    case 'minLength':
      return { path: base, code: 'REQUIRED', message: fr(c) ? `Indiquez : ${label()}.` : `Give ${label()}.` };
    case 'maxLength':
      return { path: base, code: 'TOO_LONG', message: fr(c) ? `${label()} : ${String(p.limit)} caractères au plus.` : `${label()} must be at most ${String(p.limit)} characters.` };
    case 'type':
      return { path: base, code: 'WRONG_TYPE', message: fr(c) ? `${label()} doit être de type ${String(p.type)}.` : `${label()} must be a ${String(p.type)}.` };
    case 'format':
      return p.format === 'date'
        ? { path: base, code: 'INVALID_DATE', message: fr(c) ? `${label()} doit être une date (AAAA-MM-JJ).` : `${label()} must be a date as YYYY-MM-DD.` }
        : { path: base, code: 'INVALID_FORMAT', message: fr(c) ? `${label()} doit être une adresse électronique.` : `${label()} must be an email address.` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String).join(', ');
      return { path: base, code: 'NOT_ALLOWED', message: fr(c) ? `${label()} doit être l'une des valeurs : ${allowed}.` : `${label()} must be one of ${allowed}.` };
    }
    case 'pattern': {
      const hint = (fr(c) ? node?.['x-description-fr'] : undefined) ?? node?.description;
      return { path: base, code: 'INVALID_FORMAT', message: fr(c) ? `${label()} n'est pas au bon format${hint ? ` : ${String(hint)}` : ''}.` : `${label()} is not in the expected form${hint ? `: ${String(hint)}` : ''}.` };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const words: Record<string, [string, string]> = {
        minimum: ['at least', 'au moins'],
        exclusiveMinimum: ['more than', 'supérieur à'],
        maximum: ['at most', 'au plus'],
        exclusiveMaximum: ['less than', 'inférieur à'],
      };
      const [en, f] = words[e.keyword]!;
      return { path: base, code: 'OUT_OF_RANGE', message: fr(c) ? `${label()} doit être ${f} ${String(p.limit)}.` : `${label()} must be ${en} ${String(p.limit)}.` };
    }
    case 'maxItems':
      return { path: base, code: 'TOO_MANY', message: fr(c) ? `${label()} : ${String(p.limit)} éléments au plus.` : `${label()} takes at most ${String(p.limit)} entries.` };
    case 'additionalProperties': {
      const path = `${base}/${String(p.additionalProperty)}`;
      return { path, code: 'UNKNOWN_FIELD', message: fr(c) ? `Le champ « ${String(p.additionalProperty)} » n'est pas demandé ici ; retirez-le.` : `"${String(p.additionalProperty)}" is not a field of this form; remove it.` };
    }
    default:
      return { path: base, code: 'INVALID', message: `${label()}: ${e.message ?? 'invalid'}.` };
  }
}

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The x- checks ajv does not know: reference lists, and (on submission) dates relative to the submission day. */
function extraChecks(schema: JsonSchema, node: JsonSchema, value: unknown, path: string, c: FieldCheck, out: FieldProblem[]): void {
  if (value === undefined || value === null) return;
  const list = node['x-options'];
  if (typeof list === 'string' && typeof value === 'string' && value !== '') {
    const options = c.options[list];
    if (options && !options.codes.has(value)) {
      const examples = [...options.codes].slice(0, 3).join(', ');
      out.push({
        path,
        code: 'NOT_IN_LIST',
        message: fr(c)
          ? `${labelOf(schema, path, c.language)} : « ${value} » n'est pas ${options.noun} ; donnez le code de l'un d'eux (par exemple ${examples}).`
          : `${labelOf(schema, path, c.language)}: "${value}" is not ${options.noun}; give the code of one (e.g. ${examples}).`,
      });
    }
  }
  const window = node['x-months-after-submission'] as { min?: number; max?: number } | undefined;
  if (window && c.mode === 'submit' && typeof value === 'string' && isDate(value)) {
    const earliest = addMonths(c.today, window.min ?? 0);
    const latest = window.max === undefined ? null : addMonths(c.today, window.max);
    if (value < earliest || (latest && value > latest)) {
      const l = labelOf(schema, path, c.language);
      out.push({
        path,
        code: 'OUTSIDE_LEAD_TIME',
        message: fr(c)
          ? `${l} doit tomber ${window.min} à ${window.max} mois après la soumission : entre le ${earliest} et le ${latest} pour une soumission aujourd'hui (vous avez indiqué ${value}). Choisissez une date dans cet intervalle.`
          : `${l} must fall ${window.min} to ${window.max} months after submission: between ${earliest} and ${latest} for a submission today (you gave ${value}). Choose a date in that window.`,
      });
    }
  }
  const props = node.properties as Record<string, JsonSchema> | undefined;
  if (props && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, sub] of Object.entries(props)) extraChecks(schema, sub, (value as Record<string, unknown>)[key], `${path}/${key}`, c, out);
  }
  if (node.items && Array.isArray(value)) {
    value.forEach((item, i) => extraChecks(schema, node.items as JsonSchema, item, `${path}/${i}`, c, out));
  }
}

/** Every problem of `values` against `schema`, one per field (the first found), in the schema's order of discovery. */
export function checkFields(schema: JsonSchema, values: Record<string, unknown>, c: FieldCheck): FieldProblem[] {
  const validate = validatorFor(schema);
  const problems: FieldProblem[] = [];
  if (!validate(values)) {
    for (const e of validate.errors ?? []) {
      const p = describe(schema, e, c);
      if (p) problems.push(p);
    }
  }
  extraChecks(schema, schema, values, '', c, problems);
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)));
}

/** The option lists a schema names (`x-options`), so only those are loaded. */
export function optionListsOf(schema: JsonSchema): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as JsonSchema;
    if (typeof n['x-options'] === 'string') names.add(n['x-options']);
    for (const sub of Object.values((n.properties as Record<string, unknown>) ?? {})) walk(sub);
    walk(n.items);
  };
  walk(schema);
  return names;
}
