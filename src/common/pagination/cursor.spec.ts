import { ErrorCode } from '../errors/error-code.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { toConnection } from './connection.js';
import { keysetAfter } from './keyset.js';
import { pageSize } from './page-size.js';

describe('cursors', () => {
  it('round-trips the sort values of a row', () => {
    const cursor = encodeCursor('rank', ['0.607927', 'b3c4']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'rank', 2)).toEqual(['0.607927', 'b3c4']);
  });

  it.each([
    ['not base64!', 'garbage characters'],
    [Buffer.from('{"a":1}').toString('base64url'), 'not an array'],
    [encodeCursor('code', ['X', 'id']), 'another ordering'],
    [encodeCursor('rank', ['1']), 'the wrong length'],
    [Buffer.from('[').toString('base64url'), 'broken JSON'],
  ])('rejects %s (%s) as bad input naming the argument', (cursor) => {
    expect(() => decodeCursor(cursor, 'rank', 2)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, details: { argument: 'after' } }));
    expect(() => decodeCursor(cursor, 'rank', 2)).toThrow(/Malformed cursor in after/);
  });
});

describe('pageSize', () => {
  it('defaults, accepts up to the maximum and rejects more, naming the argument', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/first must be at most 100/);
    expect(() => pageSize(-1)).toThrow(/first must be a whole number/);
  });
});

describe('toConnection', () => {
  it('uses the extra row only to tell there is a next page', () => {
    const c = toConnection([1, 2, 3], 2, undefined, (n) => `c${n}`);
    expect(c.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c2' });
    expect(toConnection([], 2, 'x', String).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });
});

describe('keysetAfter', () => {
  it('compares the sort key in the order direction and breaks ties by id', () => {
    expect(keysetAfter('o.code', 'ASC', 'o.id', ':k', ':id')).toBe('((o.code) >= :k AND ((o.code) > :k OR o.id > :id))');
    expect(keysetAfter('r', 'DESC', 'o.id', ':k', ':id')).toContain('(r) <= :k AND ((r) < :k');
  });
});
