import { IntlMessageFormat } from 'intl-messageformat';

export type Locale = 'en' | 'fr';

/** Compiled messages per locale and key: each ICU message is parsed once, on first use. */
const compiled: Record<Locale, Map<string, IntlMessageFormat | null>> = { en: new Map(), fr: new Map() };

/**
 * Formats an ICU message (`{count, plural, one {# offering} other {# offerings}}`, `{gender, select, …}`).
 * Tags are plain text here (`ignoreTag`). A message that does not parse, or lacks a variable it names, falls
 * back to plain `{name}` replacement, so one bad translation shows its text instead of breaking the screen.
 */
export function formatMessage(locale: Locale, key: string, text: string, vars?: Record<string, string | number>): string {
  const cache = compiled[locale];
  let format = cache.get(key);
  if (format === undefined) {
    try {
      format = new IntlMessageFormat(text, locale === 'fr' ? 'fr-FR' : 'en-GB', undefined, { ignoreTag: true });
    } catch {
      format = null;
    }
    cache.set(key, format);
  }
  if (format) {
    try {
      return String(format.format(vars ?? {}));
    } catch {
      /* a missing variable: fall through */
    }
  }
  let out = text;
  if (vars) for (const [k, v] of Object.entries(vars)) out = out.replaceAll(`{${k}}`, String(v));
  return out;
}
