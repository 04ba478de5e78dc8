import type { TadaDocumentNode } from 'gql.tada';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError, client } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs a query when its variables or the language change; keeps the previous data while reloading. */
export function useQuery<TResult, TVariables>(
  document: TadaDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TResult> {
  const { locale } = useI18n();
  const [data, setData] = useState<TResult>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables) + locale;
  const seq = useRef(0);
  const vars = useRef(variables);
  vars.current = variables;

  const run = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const result = await client.request(document, vars.current);
      if (mine === seq.current) {
        setData(result);
        setError(undefined);
      }
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL_SERVER_ERROR'));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key]);

  useEffect(() => {
    if (!options.skip) void run();
  }, [run, options.skip]);

  return { data, error, loading, reload: run };
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL_SERVER_ERROR');
}

/** A mutation with its pending flag and last error. */
export function useMutation<TResult, TVariables>(document: TadaDocumentNode<TResult, TVariables>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const mutate = useCallback(
    async (variables: TVariables): Promise<TResult> => {
      setPending(true);
      setError(undefined);
      try {
        return await client.request(document, variables);
      } catch (e) {
        const err = toApiError(e);
        setError(err);
        throw err;
      } finally {
        setPending(false);
      }
    },
    [document],
  );
  return { mutate, pending, error, setError };
}

/**
 * An action of several steps (a mutation, then reloads) with one pending flag and its last error for an
 * ErrorAlert; `run` resolves to undefined when a step fails, the error being shown rather than thrown.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(undefined);
    try {
      return await action();
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, setError };
}
