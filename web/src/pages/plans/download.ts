/** Saves CSV text the server produced as a file (with a BOM, so spreadsheet tools read UTF-8). */
export function downloadText(filename: string, csv: string): void {
  const blob = new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The request filter a drill-down link carries, read back from the URL (the same names as RequestFilter). */
export const FILTER_LISTS = ['statuses', 'programmes', 'partnerCodes', 'sectionCodes'] as const;
export const FILTER_VALUES = ['objectiveId', 'submittedAfter', 'submittedBefore', 'courseYear'] as const;

export function filterFromParams(params: URLSearchParams): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const k of FILTER_LISTS) {
    const v = params.getAll(k).filter(Boolean);
    if (v.length) filter[k] = v;
  }
  for (const k of FILTER_VALUES) {
    const v = params.get(k);
    if (v) filter[k] = k === 'courseYear' ? Number(v) : v;
  }
  return filter;
}

export function paramsFromFilter(filter: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) {
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return params.toString();
}
