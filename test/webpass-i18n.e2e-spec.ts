// The web app's messages: every error code the API can return (src/common/errors) and the client can raise has
// an English and a French title and explanation; every message is valid ICU and the French one names the same
// variables as the English; plurals and field messages come out in the person's language.
import { IntlMessageFormat } from 'intl-messageformat';
import { ErrorCode } from '../src/common/errors/error-code.js';

// The web app's modules are built for the browser (extensionless imports, web/tsconfig.json): jest compiles them
// here, the server's type check does not follow a computed import into them.
type MessageKey = string;
type Locale = 'en' | 'fr';
type Vars = Record<string, string | number>;
const web = (path: string) => import(`../web/src/${path}`);
const { CLIENT_ERROR_CODES, fieldErrorText } = (await web('api/error-text')) as { CLIENT_ERROR_CODES: readonly string[]; fieldErrorText: (t: (k: string, v?: Vars) => string, locale: string, message: string) => string };
const { en } = (await web('i18n/en')) as { en: Record<string, string> };
const { fr } = (await web('i18n/fr')) as { fr: Record<string, string> };
const { formatMessage } = (await web('i18n/format')) as { formatMessage: (locale: Locale, key: string, text: string, vars?: Vars) => string };
const { translate } = (await web('i18n/translate')) as { translate: (locale: Locale, key: string, vars?: Vars) => string };

const codes = [...Object.values(ErrorCode), ...CLIENT_ERROR_CODES];
const dictionaries = { en, fr } as Record<Locale, Record<string, string>>;

/** The names of the variables an ICU message uses (arguments, plurals, selects), nested ones included. */
function variables(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const el of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
      if (el.type !== 0 && el.type !== 7 && typeof el.value === 'string') names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

describe('web messages', () => {
  test.each(codes)('error code %s has a title and an explanation in English and French', (code) => {
    for (const locale of ['en', 'fr'] as const) {
      const dict = dictionaries[locale];
      expect(dict[`error.${code}`]?.trim()).toBeTruthy();
      expect(dict[`errorHint.${code}`]?.trim()).toBeTruthy();
    }
    expect(fr[`errorHint.${code}`]).not.toBe(en[`errorHint.${code}`]);
  });

  test('every message parses as ICU, and the French one uses the same variables as the English', () => {
    const mismatches: string[] = [];
    for (const key of Object.keys(en)) {
      const english = variables(en[key]);
      const french = variables(fr[key]);
      if (english.join() !== french.join()) mismatches.push(`${key}: en ${english.join()} / fr ${french.join()}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('plurals follow each language: "1 request" and "2 requests", "1 demande", "0 offre" in French', () => {
    expect(translate('en', 'list.count', { count: 1 })).toBe('1 request');
    expect(translate('en', 'list.count', { count: 2 })).toBe('2 requests');
    expect(translate('en', 'catalogue.resultCount', { count: 1 })).toBe('1 offering');
    expect(translate('en', 'catalogue.resultCount', { count: 1234 })).toBe('1,234 offerings');
    expect(translate('fr', 'list.count', { count: 1 })).toBe('1 demande');
    expect(translate('fr', 'catalogue.resultCount', { count: 0 })).toBe('0 offre');
    expect(translate('fr', 'catalogue.resultCount', { count: 1234 })).toBe('1\u202f234 offres');
    expect(translate('fr', 'request.seatsValue', { requested: 1, allocated: 2 })).toBe('1 demandée, 2 attribuées');
  });

  test('a message that does not parse, or lacks a variable, still shows its text', () => {
    expect(formatMessage('en', 'test.broken', 'Broken {count, plural, one {x}', { count: 3 })).toBe('Broken {count, plural, one {x}');
    expect(formatMessage('en', 'test.missing', 'Hello {name}')).toBe('Hello {name}');
  });

  test("the API's validation texts become field messages in the person's language, without code names", () => {
    const fr = (key: MessageKey, vars?: Vars) => translate('fr', key, vars);
    const en = (key: MessageKey, vars?: Vars) => translate('en', key, vars);
    expect(fieldErrorText(fr, 'fr', 'participants.email must be an email address')).toBe('Saisissez une adresse électronique, par exemple nom@exemple.org.');
    expect(fieldErrorText(fr, 'fr', 'desiredEnd must be on or after desiredStart.')).toBe('La fin doit être le même jour que le début ou après.');
    expect(fieldErrorText(en, 'en', 'title must be shorter than or equal to 200 characters')).toBe('Too long: at most 200 characters.');
    expect(fieldErrorText(fr, 'fr', 'something entirely new')).toBe('Cette valeur ne peut pas être acceptée.');
    expect(fieldErrorText(en, 'en', 'participants.nomineeId must be a nominee id')).toBe('nomineeId must be a nominee id');
  });
});
