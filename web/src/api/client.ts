import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import type { Locale } from '../i18n/format';
import { translate } from '../i18n/translate';
import { fieldErrorText } from './error-text';

/** An error from the API, with its stable `extensions.code` and a message a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Field-level validation messages, keyed by input field, when the API gives them. */
    readonly fields: Record<string, string> = {},
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: unknown; field?: string; errors?: unknown; [key: string]: unknown };
}

/**
 * Per-field messages. The API's validation message reads "input.purpose must be shorter…; input.participants.0.email
 * must be an email", with `extensions.argument` naming the first argument: each part is keyed by its path
 * without the argument name ("purpose", "participants.0.email") and by its last word ("email").
 */
function fieldMessages(message: string, ext: GraphQLErrorShape['extensions'], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  if (ext?.code !== 'BAD_USER_INPUT') return out;
  for (const part of message.split('; ')) {
    // "field.path: message" or "field.path must …": a sentence such as "This file is …" names no field.
    const m = /^([A-Za-z_][\w]*(?:\.[\w]+)*)(?::\s| (?=must |should |is required))/.exec(part);
    if (!m) continue;
    const segments = m[1].split('.');
    const arg = typeof ext.argument === 'string' ? ext.argument : undefined;
    const path = (segments[0] === arg || segments[0] === 'input') && segments.length > 1 ? segments.slice(1) : segments;
    const text = fieldErrorText((key, vars) => translate(locale, key, vars), locale, part.replace(/^[\w.]+:\s*/, ''));
    for (const key of [path.join('.'), path[path.length - 1]]) if (!out[key]) out[key] = text;
  }
  return out;
}

type TokenListener = (token: string | null) => void;

/**
 * A tiny GraphQL-over-fetch client: the access token lives in memory only; when it is missing or expired,
 * the refresh cookie (HttpOnly, Path=/graphql) is exchanged once for a new one and the request replayed,
 * so a form being filled in survives a session refresh.
 */
class GraphQLClient {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<TokenListener>();
  language = 'en';
  /** Called when the session cannot be refreshed any more (signed out elsewhere, expired). */
  onSessionLost: (() => void) | null = null;

  setSession(token: string | null, expiresAt?: string): void {
    this.accessToken = token;
    this.expiresAt = expiresAt ? Date.parse(expiresAt) : 0;
    for (const l of this.listeners) l(token);
  }

  get hasSession(): boolean {
    return this.accessToken !== null;
  }

  onToken(listener: TokenListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async post(query: string, variables: unknown, withToken: boolean): Promise<{ data?: any; errors?: GraphQLErrorShape[]; status: number }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'accept-language': this.language };
    if (withToken && this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let res: Response;
    try {
      res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'same-origin' });
    } catch {
      throw new ApiError('The server could not be reached. Check your connection and try again.', 'NETWORK_ERROR');
    }
    let body: any;
    try {
      body = await res.json();
    } catch {
      throw new ApiError(`The server answered with an unexpected response (HTTP ${res.status}).`, res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_RESPONSE');
    }
    return { ...body, status: res.status };
  }

  /** Exchanges the refresh cookie for a new access token; one refresh at a time. */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const body = await this.post('mutation Refresh { refreshSession { accessToken expiresAt } }', {}, false);
        const payload = body.data?.refreshSession;
        if (payload?.accessToken) {
          this.setSession(payload.accessToken, payload.expiresAt);
          return true;
        }
        return false;
      } catch {
        return false;
      } finally {
        setTimeout(() => (this.refreshing = null), 0);
      }
    })();
    return this.refreshing;
  }

  async request<TResult, TVariables>(document: TadaDocumentNode<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
    const query = print(document);
    // Refresh a little ahead of expiry instead of failing first.
    if (this.accessToken && this.expiresAt && this.expiresAt - Date.now() < 20_000) await this.refresh();
    let body = await this.post(query, variables ?? {}, true);
    if (body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && this.accessToken) {
      if (await this.refresh()) body = await this.post(query, variables ?? {}, true);
      else {
        this.setSession(null);
        this.onSessionLost?.();
      }
    }
    if (body.errors?.length) {
      const first = body.errors[0];
      throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', fieldMessages(first.message, first.extensions, this.language === 'fr' ? 'fr' : 'en'), first.extensions);
    }
    return body.data as TResult;
  }

  /**
   * A REST route of the API (exports, uploads, downloads) with the same access token, refreshed once when it
   * has expired. Errors come back in GraphQL's shape and become an ApiError.
   */
  async rest(path: string, init: RequestInit = {}): Promise<Response> {
    if (this.accessToken && this.expiresAt && this.expiresAt - Date.now() < 20_000) await this.refresh();
    const send = () => {
      const headers = new Headers(init.headers);
      headers.set('accept-language', this.language);
      if (this.accessToken) headers.set('authorization', `Bearer ${this.accessToken}`);
      return fetch(path, { ...init, headers, credentials: 'same-origin' });
    };
    let res: Response;
    try {
      res = await send();
      if (res.status === 401 && this.accessToken && (await this.refresh())) res = await send();
    } catch {
      throw new ApiError('The server could not be reached. Check your connection and try again.', 'NETWORK_ERROR');
    }
    if (res.ok) return res;
    let first: GraphQLErrorShape | undefined;
    try {
      first = ((await res.json()) as { errors?: GraphQLErrorShape[] }).errors?.[0];
    } catch {
      // not JSON: the status says enough
    }
    if (!first) throw new ApiError(`The server answered with an unexpected response (HTTP ${res.status}).`, res.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_RESPONSE');
    throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', fieldMessages(first.message, first.extensions, this.language === 'fr' ? 'fr' : 'en'), first.extensions);
  }

  /** Downloads a file from a REST route and hands it to the browser under its server-given name (or `fallbackName`). */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await this.rest(path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
    const name = utf8 ? decodeURIComponent(utf8) : (plain ?? fallbackName);
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Sends a multipart form to a REST route; the JSON answer. */
  async upload<T>(path: string, form: FormData): Promise<T> {
    const res = await this.rest(path, { method: 'POST', body: form });
    return (await res.json()) as T;
  }
}

export const client = new GraphQLClient();
