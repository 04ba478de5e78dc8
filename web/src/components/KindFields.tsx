import { ActionIcon, Button, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '../api/hooks';
import type { ApiError } from '../api/client';
import { graphql } from '../graphql';
import { useI18n } from '../i18n';

/**
 * Issue #15: a small form renderer for a request's kind-specific fields, from the JSON Schema the server keeps per
 * offering kind (requestFieldSchema). It knows strings, numbers, dates, emails, enums, reference lists (x-options),
 * nested objects and arrays of objects; labels come from the schema (`title`, `x-title-fr`). The server checks.
 */

export type JsonSchema = Record<string, any>;
export type KindValues = Record<string, any>;
export interface FieldProblem {
  path: string;
  code: string;
  message: string;
}

export const FieldSchemaQuery = graphql(`query RequestFieldSchema($offeringId: ID) { requestFieldSchema(offeringId: $offeringId) { id schema } }`);
const AlliesQuery = graphql(`query AlliedNations { alliedNations { code name } }`);

/** Problems by path: a refused submission's `extensions.fields`, else the ones given (a draft's). */
export function problemsByPath(submitError: ApiError | undefined, draft: readonly FieldProblem[] = []): Record<string, string> {
  const ext = submitError?.details as { fields?: unknown } | undefined;
  const list = submitError?.code === 'INVALID_FIELDS' && Array.isArray(ext?.fields) ? (ext.fields as FieldProblem[]) : draft;
  return Object.fromEntries(list.map((p) => [p.path, p.message]));
}

/** `path=value` pairs, e.g. for a CSV cell. */
/** A group of fields (an object, or a list of objects) under its label, with its own error above its fields. */
function FieldGroup({ path, label, error, children }: { path: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <fieldset className="kind-fieldset" data-path={path}>
      <legend>
        <Text fw={600} size="sm">
          {label}
        </Text>
      </legend>
      {error && (
        <Text c="red.8" size="sm" role="alert">
          {error}
        </Text>
      )}
      {children}
    </fieldset>
  );
}

export function flattenKindFields(values: unknown, prefix = ''): Array<[string, string]> {
  if (values === null || values === undefined) return [];
  if (Array.isArray(values)) return values.flatMap((v, i) => flattenKindFields(v, `${prefix}/${i}`));
  if (typeof values === 'object') return Object.entries(values as KindValues).flatMap(([k, v]) => flattenKindFields(v, `${prefix}/${k}`));
  return [[prefix, String(values)]];
}

function setIn(target: unknown, segments: string[], value: unknown): unknown {
  const [head, ...rest] = segments;
  if (head === undefined) return value;
  const container: KindValues = Array.isArray(target) ? [...target] : target && typeof target === 'object' ? { ...(target as KindValues) } : /^\d+$/.test(head) ? [] : {};
  const next = setIn(container[head], rest, value);
  if (next === undefined || next === '') {
    if (Array.isArray(container)) container[Number(head)] = {};
    else delete container[head];
  } else container[head] = next;
  return container;
}

function useLabels() {
  const { locale } = useI18n();
  const fr = locale === 'fr';
  return {
    label: (node: JsonSchema, fallback: string) => String((fr ? (node['x-title-fr'] ?? node.title) : node.title) ?? fallback),
    enumLabel: (node: JsonSchema, value: string) => String((fr ? node['x-enum-titles-fr']?.[value] : undefined) ?? node['x-enum-titles']?.[value] ?? value),
    hint: (node: JsonSchema) => ((fr ? (node['x-description-fr'] ?? node.description) : node.description) as string | undefined) ?? undefined,
  };
}

function useOptionLists(schema: JsonSchema) {
  const needsAllies = JSON.stringify(schema).includes('"x-options":"allied-nations"');
  const allies = useQuery(AlliesQuery, {}, { skip: !needsAllies });
  return { 'allied-nations': allies.data?.alliedNations.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })) ?? [] } as Record<string, { value: string; label: string }[]>;
}

/** The editor: `onChange` receives the whole new value object. */
export function KindFieldsEditor({ schema, value, onChange, errors }: { schema: JsonSchema; value: KindValues; onChange: (next: KindValues) => void; errors: Record<string, string> }) {
  const { t } = useI18n();
  const labels = useLabels();
  const options = useOptionLists(schema);
  const set = (path: string, v: unknown) => onChange((setIn(value, path.split('/').filter(Boolean), v) as KindValues) ?? {});
  const required = (parent: JsonSchema, key: string) => Array.isArray(parent.required) && parent.required.includes(key);

  const field = (node: JsonSchema, path: string, v: unknown, key: string, isRequired: boolean): React.ReactNode => {
    const label = labels.label(node, key);
    const common = { label, required: isRequired, error: errors[path], description: labels.hint(node), 'data-path': path } as const;
    if (node.type === 'object') {
      return (
        <FieldGroup key={path} path={path} label={label} error={errors[path]}>
          <Stack gap="xs">{Object.entries((node.properties ?? {}) as Record<string, JsonSchema>).map(([k, sub]) => field(sub, `${path}/${k}`, (v as KindValues | undefined)?.[k], k, required(node, k)))}</Stack>
        </FieldGroup>
      );
    }
    if (node.type === 'array' && node.items?.type === 'object') {
      const items = Array.isArray(v) ? (v as KindValues[]) : [];
      return (
        <FieldGroup key={path} path={path} label={label} error={errors[path]}>
          <Stack gap="xs">
            {items.map((item, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                {Object.entries((node.items.properties ?? {}) as Record<string, JsonSchema>).map(([k, sub]) => (
                  <div key={k} style={{ flex: 1 }}>
                    {field({ ...sub, title: `${labels.label(sub, k)} ${i + 1}`, 'x-title-fr': `${labels.label(sub, k)} ${i + 1}` }, `${path}/${i}/${k}`, item?.[k], k, required(node.items, k))}
                  </div>
                ))}
                <ActionIcon variant="subtle" color="red.9" aria-label={t('kindFields.remove', { what: label, n: i + 1 })} onClick={() => set(path, items.filter((_, j) => j !== i))}>
                  ✕
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="light" onClick={() => set(path, [...items, {}])}>
                {t('kindFields.add', { what: label })}
              </Button>
            </Group>
          </Stack>
        </FieldGroup>
      );
    }
    const text = v === undefined || v === null ? '' : String(v);
    if (Array.isArray(node.enum) || typeof node['x-options'] === 'string') {
      const data = Array.isArray(node.enum) ? (node.enum as string[]).map((e) => ({ value: e, label: labels.enumLabel(node, e) })) : (options[node['x-options']] ?? []);
      return <NativeSelect key={path} {...common} value={text} onChange={(e) => set(path, e.currentTarget.value || undefined)} data={[{ value: '', label: '—' }, ...data]} />;
    }
    if (node.type === 'number' || node.type === 'integer') {
      return <NumberInput key={path} {...common} value={typeof v === 'number' ? v : ''} onChange={(n) => set(path, typeof n === 'number' ? n : undefined)} allowDecimal={node.type === 'number'} />;
    }
    const type = node.format === 'date' ? 'date' : node.format === 'email' ? 'email' : 'text';
    return <TextInput key={path} {...common} type={type} value={text} maxLength={node.maxLength} onChange={(e) => set(path, e.currentTarget.value || undefined)} />;
  };

  return (
    <Stack gap="sm" data-testid="kind-fields" className="kind-fields">
      {errors[''] && (
        <Text c="red.8" size="sm" role="alert">
          {errors['']}
        </Text>
      )}
      {Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([k, sub]) => field(sub, `/${k}`, value[k], k, required(schema, k)))}
    </Stack>
  );
}

/** A read-only view with the schema's labels (the request page, the reviewer's screen). */
export function KindFieldsView({ schema, value }: { schema: JsonSchema | null | undefined; value: KindValues }) {
  const labels = useLabels();
  const rows: Array<[string, string]> = [];
  const walk = (node: JsonSchema | undefined, v: unknown, label: string) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) return v.forEach((item, i) => walk(node?.items, item, `${label} ${i + 1}`));
    if (typeof v === 'object') {
      return Object.entries(v as KindValues).forEach(([k, sub]) => {
        const child = node?.properties?.[k] as JsonSchema | undefined;
        walk(child, sub, [label, child ? labels.label(child, k) : k].filter(Boolean).join(' › '));
      });
    }
    rows.push([label, node && Array.isArray(node.enum) ? labels.enumLabel(node, String(v)) : String(v)]);
  };
  walk(schema ?? undefined, value, '');
  if (!rows.length) return null;
  return (
    <Table data-testid="kind-fields-view" verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" fw={500} fz="sm" style={{ width: '45%' }}>
              {k}
            </Table.Th>
            <Table.Td fz="sm">{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
