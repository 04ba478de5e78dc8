import { DomainError } from '../errors/domain-error.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates `first` against the server-side maximum; the error names the argument. */
export function pageSize(first: number | null | undefined, options: { max?: number; fallback?: number; argument?: string } = {}): number {
  const { max = MAX_PAGE_SIZE, fallback = DEFAULT_PAGE_SIZE, argument = 'first' } = options;
  if (first === null || first === undefined) return Math.min(fallback, max);
  if (!Number.isInteger(first) || first < 0) throw DomainError.badInput(`${argument} must be a whole number from 0 to ${max}; got ${first}.`, argument);
  if (first > max) throw DomainError.badInput(`${argument} must be at most ${max} (the maximum page size); got ${first}. Page with ${argument} and after.`, argument);
  return first;
}
