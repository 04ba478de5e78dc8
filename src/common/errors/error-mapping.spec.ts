import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-code.js';
import { formatGraphQLError, mapError } from './error-mapping.js';

describe('mapError', () => {
  it('keeps a domain error code, message and details', () => {
    const mapped = mapError(DomainError.conflict('Someone else changed this request.', { currentVersion: 4 }));
    expect(mapped).toEqual({ code: ErrorCode.CONFLICT, message: 'Someone else changed this request.', details: { currentVersion: 4 }, unexpected: false });
  });

  it('maps Nest HTTP exceptions to codes', () => {
    expect(mapError(new ForbiddenException('no')).code).toBe(ErrorCode.FORBIDDEN);
    expect(mapError(new BadRequestException(['a is bad', 'b is bad'])).message).toBe('a is bad; b is bad');
  });

  it('unwraps the original error of a GraphQL error', () => {
    const error = new GraphQLError('wrapped', { originalError: DomainError.notFound('Offering') });
    expect(mapError(error)).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'Offering was not found, or you do not have access to it.' });
  });

  it('treats GraphQL validation errors as bad input', () => {
    expect(mapError(new GraphQLError('Cannot query field "x" on type "Query".')).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('treats a fault of execution at a response path (a null in a non-null field) as an internal error, not bad input', () => {
    const mapped = mapError(new GraphQLError('Cannot return null for non-nullable field Offering.owningSection.', { path: ['offerings', 'edges', 0, 'node', 'owningSection'] }));
    expect(mapped).toMatchObject({ code: ErrorCode.INTERNAL_SERVER_ERROR, unexpected: true });
  });

  it('hides unexpected errors behind a generic message', () => {
    const mapped = mapError(new Error('relation "secret_table" does not exist'));
    expect(mapped.code).toBe(ErrorCode.INTERNAL_SERVER_ERROR);
    expect(mapped.message).not.toMatch(/secret_table/);
    expect(mapped.unexpected).toBe(true);
  });

  it('turns a unique-constraint race into a conflict without exposing SQL', () => {
    const raced = Object.assign(new Error('duplicate key value violates unique constraint "app_user_email_key"'), {
      driverError: { code: '23505' },
    });
    const mapped = mapError(raced);
    expect(mapped.code).toBe(ErrorCode.CONFLICT);
    expect(mapped.message).not.toMatch(/app_user|constraint/);
  });

  it('reports a lost database connection as temporarily unavailable', () => {
    expect(mapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it.each([
    ['a transaction whose connection died mid-request (TypeORM)', new QueryRunnerAlreadyReleasedError()],
    ['a query on a client whose connection ended', new Error('Connection terminated unexpectedly')],
    ['a query on a client that already errored', new Error('Client has encountered a connection error and is not queryable')],
    ['a wrapped driver error of a terminated session', Object.assign(new Error('Query failed'), { driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) })],
    ['a connection refused thrown as a plain object (graphql wraps it)', new GraphQLError('Unexpected error value', { originalError: Object.assign(new Error('Unexpected error value: { code: "ECONNREFUSED" }'), { name: 'NonErrorThrown', thrownValue: { errno: -111, code: 'ECONNREFUSED', syscall: 'connect' } }) })],
    ['a GraphQL error around a released query runner', new GraphQLError('Query runner already released', { originalError: new QueryRunnerAlreadyReleasedError(), path: ['submitRequest'] })],
  ])('reports %s as temporarily unavailable, not an internal error', (_, error) => {
    expect(mapError(error)).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'The service is temporarily unavailable. Please try again in a moment.' });
  });
});

describe('formatGraphQLError', () => {
  const failure = new GraphQLError('boom', { originalError: new Error('SELECT * FROM users failed at /srv/app.js:1') });

  it('never exposes stack, SQL or paths outside development', () => {
    const formatted = formatGraphQLError(failure, false);
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|\/srv|stack/);
    expect(formatted.extensions).toEqual({ code: ErrorCode.INTERNAL_SERVER_ERROR });
  });

  it('adds a debug section in development', () => {
    expect(formatGraphQLError(failure, true).extensions?.debug).toEqual({
      message: 'SELECT * FROM users failed at /srv/app.js:1',
      stack: expect.arrayContaining([expect.stringMatching(/^Error: SELECT \* FROM users/)]),
    });
  });
});
