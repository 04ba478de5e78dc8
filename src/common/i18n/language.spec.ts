import { RequestContext } from '../context/request-context.js';
import { contentLanguage, Language, localised, useContentLanguage } from './language.js';

describe('localised', () => {
  it('picks the requested language', () => {
    expect(localised('Course', 'Cours', 'fr')).toBe('Cours');
    expect(localised('Course', 'Cours', 'en')).toBe('Course');
  });

  it('falls back to the other language when the requested one is missing or blank', () => {
    expect(localised('Course', null, 'fr')).toBe('Course');
    expect(localised('  ', 'Cours', 'en')).toBe('Cours');
    expect(localised(null, undefined, 'en')).toBeNull();
  });
});

describe('contentLanguage', () => {
  it('uses Accept-Language unless a language argument overrides it', () => {
    const ctx = new RequestContext('r1', 'fr');
    expect(contentLanguage(ctx)).toBe('fr');
    useContentLanguage(ctx, undefined);
    expect(contentLanguage(ctx)).toBe('fr');
    useContentLanguage(ctx, Language.EN);
    expect(contentLanguage(ctx)).toBe('en');
  });
});
