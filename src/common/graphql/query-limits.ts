import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, Kind, visit, type ASTVisitor, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { MAX_PAGE_SIZE } from '../pagination/page-size.js';

/** Arguments that size a page; capped before execution whatever the resolver does. */
const PAGE_ARGUMENTS = new Set(['first', 'last']);

function pageSizeMessage(name: string, value: number): string {
  return `${name} must be at most ${MAX_PAGE_SIZE} (the maximum page size); got ${value}. Page with first and after.`;
}

/** Rejects a literal `first`/`last` above the maximum page size while the document is validated. */
export const pageSizeRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  Argument(node) {
    if (!PAGE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.INT) return;
    const value = Number(node.value.value);
    if (value > MAX_PAGE_SIZE) context.reportError(new GraphQLError(pageSizeMessage(node.name.value, value), { nodes: [node] }));
  },
});

/** The same cap for `first: $n`, which only the variables can tell: run as a preExecution hook. */
export function assertPageSizeVariables(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  if (!variables) return;
  const uses = pageSizeVariableUses(document);
  for (let i = 0; i < uses.length; i++) {
    const { argument, variable } = uses[i]!;
    const value = variables[variable];
    if (typeof value === 'number' && value > MAX_PAGE_SIZE) throw DomainError.badInput(pageSizeMessage(argument, value), argument);
  }
}

interface PageSizeVariableUse {
  argument: string;
  variable: string;
}

/** Mercurius reuses the parsed document of a repeated query: the walk runs once per document. */
const pageSizeUses = new WeakMap<DocumentNode, PageSizeVariableUse[]>();

/** `first: $n` / `last: $n` arguments of a document, in document order. */
function pageSizeVariableUses(document: DocumentNode): PageSizeVariableUse[] {
  let uses = pageSizeUses.get(document);
  if (!uses) {
    const found: PageSizeVariableUse[] = [];
    visit(document, {
      Argument(node) {
        if (PAGE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) found.push({ argument: node.name.value, variable: node.value.name.value });
      },
    });
    pageSizeUses.set(document, (uses = found));
  }
  return uses;
}

/**
 * Depth, alias and page-size limits as validation rules (graphql-armor), so an abusive document is refused
 * before any resolver runs. The token limit is a parse option, the cost (which needs the variables) a
 * preExecution hook (see graphqlOptions and query-cost.ts).
 */
export function queryLimitRules(config: AppConfig): ValidationRule[] {
  return [
    pageSizeRule,
    maxDepthRule({ n: config.GRAPHQL_MAX_DEPTH, flattenFragments: true, exposeLimits: true }),
    maxAliasesRule({ n: config.GRAPHQL_MAX_ALIASES, exposeLimits: true }),
  ] as ValidationRule[];
}
