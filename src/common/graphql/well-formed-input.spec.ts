import { parse } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { assertWellFormedInput } from './well-formed-input.js';

const refusal = (query: string, variables?: Record<string, unknown>) => {
  try {
    assertWellFormedInput(parse(query), variables);
    return undefined;
  } catch (e) {
    return { message: (e as DomainError).message, field: (e as DomainError).details.field };
  }
};

describe('well-formed string input', () => {
  it('lets ordinary text through, accents, emoji (a surrogate pair) and all', () => {
    expect(refusal('query($s: String) { offerings(search: $s) { totalCount } }', { s: 'Défense 🛡️ cyber', list: ['ok'], deep: { a: [{ b: 'fine' }] } })).toBeUndefined();
    expect(refusal('{ section(code: "CTS") { code } }')).toBeUndefined();
  });

  it('names the variable and the path of a NUL', () => {
    expect(refusal('query { x }', { i: { participants: [{ name: 'ok' }, { name: 'a\u0000' }] } })).toEqual({
      message: '$i.participants[1].name contains a NUL character (\\u0000); send it without.',
      field: '$i.participants[1].name',
    });
  });

  it('refuses lone surrogates, high or low, and names the argument of a literal', () => {
    expect(refusal('query { x }', { e: 'a\ud800@example.org' })?.field).toBe('$e');
    expect(refusal('query { x }', { e: 'a\udc00b' })?.message).toMatch(/unpaired UTF-16 surrogate/);
    expect(refusal('{ createApiKey(input: { name: "key \\u0000" }) { secret } }')?.field).toBe('input.name');
    expect(refusal('{ section(code: "CTS\\u0000") { code } }')?.field).toBe('code');
  });
});
