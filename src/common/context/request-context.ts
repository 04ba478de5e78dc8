import { randomUUID } from 'node:crypto';
import { DataLoaderRegistry } from '../dataloader/dataloader-registry.js';

export type Language = 'en' | 'fr';

/**
 * Who is calling and on whose behalf, built once per request and passed first to every service method.
 * Authorization reads this, never the raw request. The identity work fills in the caller.
 */
export class RequestContext {
  readonly loaders = new DataLoaderRegistry();

  constructor(
    readonly requestId: string = randomUUID(),
    /** Preferred content language from Accept-Language; a `language` argument overrides it. */
    readonly language: Language = 'en',
    readonly ip: string | undefined = undefined,
  ) {}

  /** A context for work that no user started (start-up, seeding, jobs). */
  static system(): RequestContext {
    return new RequestContext(`system-${randomUUID()}`);
  }
}

/** Picks 'fr' when Accept-Language prefers French over English, 'en' otherwise. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: (tag ?? '').split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.lang === 'en' || x.lang === 'fr')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'fr' ? 'fr' : 'en';
}
