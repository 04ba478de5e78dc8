import { prefixQuery } from './offering-query.js';

describe('prefixQuery', () => {
  it('makes every word of the term a prefix, all required', () => {
    expect(prefixQuery('cyber def')).toBe("'cyber':* & 'def':*");
    expect(prefixQuery('  École   Oberammer ')).toBe("'École':* & 'Oberammer':*");
  });

  it('keeps hyphenated codes whole', () => {
    expect(prefixQuery('NSO-CT-101')).toBe("'NSO-CT-101':*");
  });

  it('lets no tsquery syntax through: quotes, operators, weights and parentheses only separate words', () => {
    expect(prefixQuery("cyber' & !def:* | (x)")).toBe("'cyber':* & 'def':* & 'x':*");
    expect(prefixQuery("l'OTAN")).toBe("'l':* & 'OTAN':*");
  });

  it('is empty, matching nothing, when the term has no word', () => {
    expect(prefixQuery('!!! ---')).toBe('');
  });
});
