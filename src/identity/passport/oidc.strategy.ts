import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions, type StrategyOptionsWithRequest, type VerifyFunctionWithRequest } from 'openid-client/passport';

/**
 * openid-client's passport strategy (authorization code flow with PKCE, ID token and issuer checks), with an
 * explicit `state` as well: the provider supporting PKCE would otherwise make the library send none, and a state
 * bound to the browser's sealed cookie is what lets a forged or mixed-up callback be refused by name. The current
 * URL is the callback's path and query on the configured redirect URI (no Express request to read it from).
 */
export class PortalOidcStrategy extends Strategy {
  constructor(
    options: StrategyOptionsWithRequest,
    verify: VerifyFunctionWithRequest,
    private readonly redirectUri: string,
  ) {
    super(options, verify);
  }

  override authorizationRequestParams<TOptions extends AuthenticateOptions>(req: Parameters<Strategy['authorizationRequestParams']>[0], options: TOptions): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    return params;
  }

  override currentUrl(req: Parameters<Strategy['currentUrl']>[0]): URL {
    return new URL((req as unknown as { url: string }).url, this.redirectUri);
  }
}
