import DataLoader from 'dataloader';

/**
 * DataLoaders live for one request: each batches the lookups a GraphQL response makes for one relation
 * into a single query, and none leaks cached rows across callers.
 */
export class DataLoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Orders batch results to match the requested keys; missing keys resolve to `fallback`. */
export function byKeys<K, V, F = undefined>(keys: readonly K[], rows: V[], keyOf: (row: V) => K, fallback?: F): (V | F)[] {
  const index = new Map<K, V>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((k) => index.get(k) ?? (fallback as F));
}

/** Groups batch results per requested key, for one-to-many relations. */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
