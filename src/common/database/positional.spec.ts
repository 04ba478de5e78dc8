import { toPositional } from './positional.js';

describe('toPositional', () => {
  it('numbers the names in order of first use, reusing the number of a repeated name', () => {
    expect(toPositional('a = :term OR b = ANY(:codes) OR c = :term', { term: 'x', codes: [] })).toEqual({
      sql: 'a = $1 OR b = ANY($2) OR c = $1',
      names: ['term', 'codes'],
    });
  });

  it('leaves casts and names it does not know alone', () => {
    expect(toPositional('p.sort_key::text = :key AND t = :other', { key: 1 })).toEqual({ sql: 'p.sort_key::text = $1 AND t = :other', names: ['key'] });
  });
});
