import { registerEnumType } from '@nestjs/graphql';
import type { Language as LanguageCode } from '../context/request-context.js';
import type { RequestContext } from '../context/request-context.js';

/** NATO's two official languages, as a GraphQL enum whose values are the codes the context uses. */
export enum Language {
  EN = 'en',
  FR = 'fr',
}
registerEnumType(Language, { name: 'Language', description: 'A content language: English or French.' });

// A `language` argument overrides Accept-Language for the whole response (names of areas, sections…
// resolved deep in the tree included), so it is remembered per request context.
const overrides = new WeakMap<RequestContext, LanguageCode>();

export function useContentLanguage(ctx: RequestContext, language: Language | undefined | null): void {
  if (language) overrides.set(ctx, language);
}

export function contentLanguage(ctx: RequestContext): LanguageCode {
  return overrides.get(ctx) ?? ctx.language;
}

/** The text in `language`, or in the other language when that one is missing. */
export function localised(en: string | null | undefined, fr: string | null | undefined, language: LanguageCode): string | null {
  const [first, second] = language === 'fr' ? [fr, en] : [en, fr];
  return first?.trim() ? first : second?.trim() ? second : null;
}
