import { Args, Field, InputType, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Module } from '@nestjs/common';
import { IsEmail, Max, Min } from 'class-validator';
import { Public } from '../src/common/auth/allow.decorator.js';
import { DomainError } from '../src/common/errors/domain-error.js';
import { ErrorCode } from '../src/common/errors/error-code.js';
import { graphql } from './support/graphql.js';
import { startTestApp, type TestApp } from './support/test-app.js';

@InputType()
class ProbeInput {
  @Field()
  @IsEmail({}, { message: 'email must be an email address, e.g. name@example.org' })
  email: string;

  @Field(() => Int)
  @Min(1)
  @Max(40)
  seats: number;
}

/** Resolvers that fail on purpose, to see what a client receives. */
@Resolver()
class ErrorProbeResolver {
  @Public()
  @Query(() => String)
  probeDomainError(): string {
    throw new DomainError(ErrorCode.CAPACITY_EXCEEDED, 'Only 3 seats are left on this iteration.', { seatsAvailable: 3 });
  }

  @Public()
  @Query(() => String)
  probeUnexpectedError(): string {
    throw new Error('syntax error at or near "SELEC" in /srv/app/dist/secret.js');
  }

  @Public()
  @Mutation(() => Int)
  probeValidation(@Args('input') input: ProbeInput): number {
    return input.seats;
  }
}

@Module({ providers: [ErrorProbeResolver] })
class ErrorProbeModule {}

describe('foundation (development mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'development' }, extraModules: [ErrorProbeModule] });
  });
  afterAll(() => t.close());

  it('serves GraphQL at /graphql', async () => {
    const res = await t.gql(graphql('{ serverInfo { version environment languages } }'));
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ serverInfo: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/), environment: 'development', languages: ['en', 'fr'] } });
  });

  it('serves GraphiQL in development', async () => {
    const res = await fetch(`${t.baseUrl}/graphiql`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphiql/i);
  });

  it('answers liveness and readiness', async () => {
    const live = await fetch(`${t.baseUrl}/health`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('gives every response a request id, reusing a well-formed one from the caller', async () => {
    const generated = await fetch(`${t.baseUrl}/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${t.baseUrl}/health`, { headers: { 'x-request-id': 'proxy-42' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-42');
    const hostile = await fetch(`${t.baseUrl}/health`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a domain error to its code, message and details', async () => {
    const res = await t.rawGql('{ probeDomainError }');
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'Only 3 seats are left on this iteration.', extensions: { code: 'CAPACITY_EXCEEDED', seatsAvailable: 3 } }),
    ]);
  });

  it('validates inputs and names the field', async () => {
    const res = await t.rawGql('mutation { probeValidation(input: { email: "nope", seats: 99 }) }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/email must be an email address/);
    expect(res.errors?.[0]?.message).toMatch(/seats must not be greater than 40/);
  });

  it('rejects unknown input fields instead of ignoring them', async () => {
    const res = await t.rawGql('mutation($i: ProbeInput!) { probeValidation(input: $i) }', { i: { email: 'a@b.org', seats: 2, admin: true } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/admin/);
  });

  it('reports a query against an unknown field as bad input', async () => {
    const res = await t.rawGql('{ serverInfo { nope } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "nope"/);
  });

  it('hides an unexpected error but shows debug details in development', async () => {
    const res = await t.rawGql('{ probeUnexpectedError }');
    expect(res.errors?.[0]?.message).toBe('Something went wrong on our side. The error has been logged; please try again later.');
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(res.errors?.[0]?.extensions?.debug).toMatchObject({ message: 'syntax error at or near "SELEC" in /srv/app/dist/secret.js', stack: expect.any(Array) });
  });
});

describe('foundation (production mode)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' }, extraModules: [ErrorProbeModule] });
  });
  afterAll(() => t.close());

  it('never returns stack traces, SQL or file paths', async () => {
    const res = await t.rawGql('{ probeUnexpectedError }');
    const body = JSON.stringify(res.errors);
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(body).not.toMatch(/SELEC|\/srv|secret\.js|stack/);
  });

  it('turns introspection off', async () => {
    const res = await t.gql(graphql('{ __schema { types { name } } }'));
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('turns GraphiQL off', async () => {
    expect((await fetch(`${t.baseUrl}/graphiql`)).status).toBe(404);
  });

  it('gives no field suggestions', async () => {
    const res = await t.rawGql('{ serverInf { version } }');
    expect(res.errors?.[0]?.message).toBe('Cannot query field "serverInf" on type "Query".');
  });

  it('refuses batched queries', async () => {
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ serverInfo { version } }' }, { query: '{ serverInfo { version } }' }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/batched queries are not accepted/), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
