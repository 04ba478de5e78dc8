import passport, { type Strategy } from 'passport';

/** What a strategy decided: the authenticated value, a redirect to follow (OIDC), or why the credentials were refused. */
export type StrategyOutcome<T> = { ok: true; user: T } | { ok: false; message: string | undefined; redirect?: string };

function messageOf(info: unknown): string | undefined {
  if (typeof info === 'string') return info;
  const message = (info as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

/**
 * Runs one passport strategy on a credential request through `passport.authenticate`'s callback form (no
 * Express, no session middleware): the strategy's verify outcome comes back as a value, and a redirect (the
 * OpenID Connect strategy sends the browser to the provider) as its URL; nothing is written to a real response.
 * The strategy instance is the application's own (injected), never looked up by name in passport's global
 * registry, so two applications in one process (tests) never share one; each attempt gets a fresh object
 * whose prototype is that instance, because passport sets `success`/`fail`/`redirect` on the object it is given.
 */
export function runStrategy<T>(strategy: Strategy, request: object): Promise<StrategyOutcome<T>> {
  return new Promise((resolve, reject) => {
    const attempt = Object.create(strategy) as Strategy;
    let location: string | undefined;
    // Only passport's `redirect` writes here (Location, then end); success and failure go to the callback.
    const response = {
      statusCode: 200,
      setHeader(name: string, value: string) {
        if (name.toLowerCase() === 'location') location = value;
      },
      end() {
        resolve({ ok: false, message: undefined, redirect: location });
      },
    };
    const middleware = passport.authenticate(attempt, { session: false }, (error: unknown, user: unknown, info: unknown) => {
      if (error) reject(error);
      else if (user) resolve({ ok: true, user: user as T });
      else resolve({ ok: false, message: messageOf(info) });
    }) as (req: object, res: object, next: (error?: unknown) => void) => void;
    middleware(request, response, reject);
  });
}
