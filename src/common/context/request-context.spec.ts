import { languageFromHeader } from './request-context.js';

describe('languageFromHeader', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['fr-BE,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-GB,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE,fr;q=0.7,en;q=0.5', 'fr'],
    ['de-DE', 'en'],
    ['en;q=0.2, fr;q=0.9', 'fr'],
  ])('%s -> %s', (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });
});
