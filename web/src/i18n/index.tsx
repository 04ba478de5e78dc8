import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { client } from '../api/client';
import { en, type MessageKey } from './en';
import { fr } from './fr';
import type { Locale } from './format';
import { translate } from './translate';

export type { Locale } from './format';
const STORAGE_KEY = 'pcp.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, fr };

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    /* storage unavailable */
  }
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export interface I18n {
  locale: Locale;
  /** The API's Language enum value for the current locale. */
  language: 'EN' | 'FR';
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A translated enum value (kind, status, role…), falling back to the raw value. */
  te(prefix: string, value: string | null | undefined): string;
  date(value: string | null | undefined, options?: Intl.DateTimeFormatOptions): string;
  dateTime(value: string | null | undefined): string;
  number(value: number | null | undefined, options?: Intl.NumberFormatOptions): string;
}

const I18nContext = createContext<I18n | null>(null);


export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  client.language = locale;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* storage unavailable */
    }
    client.language = next;
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const t = (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
    const dateFmt = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const dateTimeFmt = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    return {
      locale,
      language: locale === 'fr' ? 'FR' : 'EN',
      setLocale,
      t,
      te: (prefix, v) => (v ? ((dict as Record<string, string>)[`${prefix}.${v}`] ?? v) : ''),
      date: (v, options) => {
        if (!v) return '';
        const d = new Date(v.length === 10 ? `${v}T00:00:00Z` : v);
        if (Number.isNaN(d.getTime())) return v;
        return options ? new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options }).format(d) : dateFmt.format(d);
      },
      dateTime: (v) => (v ? dateTimeFmt.format(new Date(v)) : ''),
      number: (v, options) => (v === null || v === undefined ? '' : new Intl.NumberFormat(tag, options).format(v)),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
