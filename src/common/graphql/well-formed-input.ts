import { visit, type DocumentNode } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * Text PostgreSQL cannot store: a NUL character, or half of a UTF-16 surrogate pair (valid JSON, "\ud800",
 * but not Unicode, so not UTF-8). Either one reached SQL (or the audit insert) and failed there as an
 * internal error; no field of this API has a use for them, so every string input is checked before execution.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const SUSPECT = /[\u0000\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT_ALL = /[\u0000\ud800-\udfff]/g;
const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problem(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  return UNPAIRED.test(text) ? 'contains an unpaired UTF-16 surrogate (such as \\ud800), which is not Unicode text' : undefined;
}

function refuse(field: string, what: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `${field} ${what}; send it without.`, { field });
}

/** A bad string literal in the document (its argument or input field path), found once per parsed document. */
const literalProblems = new WeakMap<DocumentNode, DomainError | null>();

function literalProblem(document: DocumentNode): DomainError | null {
  let found = literalProblems.get(document);
  if (found === undefined) {
    found = null;
    const path: string[] = [];
    visit(document, {
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue(node) {
        const what = found ? undefined : problem(node.value);
        if (what) found = refuse(path.join('.') || 'A string in the query', what);
      },
    });
    literalProblems.set(document, found);
  }
  return found;
}

/** Throws BAD_USER_INPUT naming the first string (literal or variable) PostgreSQL could not store. */
export function assertWellFormedInput(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  const literal = literalProblem(document);
  if (literal) throw literal;
  if (variables) checkValue(variables, '');
}

function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    const what = problem(value);
    if (what) throw refuse(`$${path}`, what);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkValue(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value as Record<string, unknown>) {
      const what = problem(key);
      if (what) throw refuse(`$${path}${path ? '.' : ''}${key.replace(SUSPECT_ALL, '?')}`, `(a field name) ${what}`);
      checkValue((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    }
  }
}
