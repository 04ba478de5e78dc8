import { buildSchema, parse } from 'graphql';
import { withInputDefaults } from './input-defaults.js';

const schema = buildSchema(`
  enum Status { PLANNED OPEN }
  input Inner { flag: Boolean! = false, note: String }
  input Outer { title: String!, status: Status! = PLANNED, seats: Int = 0, inner: Inner, inners: [Inner!] }
  input Plain { title: String! }
  type Query { a(o: Outer!, p: Plain): Int }
`);

describe('input defaults filled into variables', () => {
  const document = parse('query($o: Outer!, $p: Plain) { a(o: $o, p: $p) }');

  it('fills omitted fields with their defaults, nested and in lists, as a client would send them', () => {
    const variables = { o: { title: 'x', inner: {}, inners: [{ note: 'n' }, { flag: true }] }, p: { title: 'y' } };
    expect(withInputDefaults(schema, document, variables)).toEqual({
      o: { title: 'x', status: 'PLANNED', seats: 0, inner: { flag: false }, inners: [{ note: 'n', flag: false }, { flag: true }] },
      p: { title: 'y' },
    });
    // The caller's object is left as it was.
    expect(variables.o).toEqual({ title: 'x', inner: {}, inners: [{ note: 'n' }, { flag: true }] });
  });

  it('keeps given values, explicit nulls and malformed values for the coercion to judge', () => {
    const variables = { o: { title: 'x', status: 'OPEN', seats: null, inner: 'not an object' } };
    expect(withInputDefaults(schema, document, variables)).toEqual({ o: { title: 'x', status: 'OPEN', seats: null, inner: 'not an object' } });
  });

  it('returns the same object when there is nothing to fill', () => {
    const variables = { o: { title: 'x', status: 'OPEN', seats: 1 } };
    expect(withInputDefaults(schema, document, variables)).toBe(variables);
    const plain = { p: { title: 'y' } };
    expect(withInputDefaults(schema, parse('query($p: Plain) { a(o: { title: "t" }, p: $p) }'), plain)).toBe(plain);
  });
});
