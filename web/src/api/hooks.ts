import { keepPreviousData, QueryClient, useQuery as useTanstackQuery } from '@tanstack/react-query';
import type { TadaDocumentNode } from 'gql.tada';
import { print } from 'graphql';
import { useCallback, useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError, client } from './client';

/**
 * The one cache of API reads (TanStack Query). Entries are stale at once: a screen opened again shows what it
 * showed last and revalidates behind it (no spinner, no flash). Not refetched on window focus: a form reading a
 * draft must not be re-fed under the person typing. Errors are not retried: they are shown with a retry button.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 0, gcTime: 5 * 60_000, retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}

const printed = new WeakMap<object, string>();
/** The document's text, printed once: the cache key's first part. */
function documentKey(document: object): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document as never);
    printed.set(document, text);
  }
  return text;
}

function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL_SERVER_ERROR');
}

/**
 * Runs a query when its variables or the language change; keeps the previous data while reloading. Cached by
 * (document, variables, language) in `queryClient`, so two screens reading the same thing share one request.
 */
export function useQuery<TResult, TVariables>(
  document: TadaDocumentNode<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TResult> {
  const { locale } = useI18n();
  const q = useTanstackQuery<TResult, ApiError>({
    queryKey: [documentKey(document), variables ?? {}, locale],
    queryFn: async () => {
      try {
        return await client.request(document, variables);
      } catch (e) {
        throw toApiError(e);
      }
    },
    enabled: !options.skip,
    placeholderData: keepPreviousData,
  });
  const { refetch } = q;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  return { data: q.data, error: q.error ?? undefined, loading: !options.skip && q.isFetching, reload };
}

/**
 * After a write, every cached read is marked stale without refetching the ones on screen (their pages reload
 * what they show): a screen opened next asks the server again instead of trusting what it cached before.
 */
function afterWrite(): void {
  void queryClient.invalidateQueries({ refetchType: 'none' });
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
        const result = await client.request(document, variables);
        afterWrite();
        return result;
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
      const result = await action();
      afterWrite();
      return result;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  return { run, pending, error, setError };
}
