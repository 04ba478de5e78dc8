import { en, type MessageKey } from './en';
import { formatMessage, type Locale } from './format';
import { fr } from './fr';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** `t()` outside React (the API client's field messages): the locale's message, else the English one, else the key. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const own = dictionaries[locale][key];
  if (own !== undefined) return formatMessage(locale, key, own, vars);
  return en[key] !== undefined ? formatMessage('en', key, en[key], vars) : key;
}
