import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields a document selects below a resolver's field: name → what it selects in turn (aliases merged). */
export type Selection = Map<string, Selection>;

/**
 * What the client asked for under the current field, through fragments and aliases, so a resolver can skip
 * work nobody reads (the catalogue's total and each facet). `@skip`/`@include` are not evaluated: a field
 * they guard counts as selected, which costs at most the work this is meant to save.
 */
export function selectionOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selection {
  const selection: Selection = new Map();
  for (const node of info.fieldNodes) collect(node.selectionSet, info.fragments, selection, new Set());
  return selection;
}

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Selection, seen: Set<string>): void {
  for (const node of set?.selections ?? []) {
    if (node.kind === Kind.FIELD) {
      const field = node as FieldNode;
      let below = into.get(field.name.value);
      if (!below) into.set(field.name.value, (below = new Map()));
      collect(field.selectionSet, fragments, below, seen);
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      collect(node.selectionSet, fragments, into, seen);
    } else if (!seen.has(node.name.value)) {
      // A fragment spread: documents are validated first, so it exists and does not cycle; `seen` is a guard.
      seen.add(node.name.value);
      collect(fragments[node.name.value]?.selectionSet, fragments, into, seen);
      seen.delete(node.name.value);
    }
  }
}
