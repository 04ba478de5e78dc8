import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectionOf, type Selection } from './selection.js';

/** The selection below the operation's first field, as the resolver of that field would see it. */
function under(document: string): Selection {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  return selectionOf({ fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments });
}

const names = (s: Selection | undefined) => [...(s?.keys() ?? [])].sort();

describe('selectionOf', () => {
  it('lists the fields below the current one, with what each selects', () => {
    const s = under('{ offerings { totalCount facets { kinds { value } areas { count } } edges { node { id } } } }');
    expect(names(s)).toEqual(['edges', 'facets', 'totalCount']);
    expect(names(s.get('facets'))).toEqual(['areas', 'kinds']);
  });

  it('merges aliases of one field and follows inline and named fragments', () => {
    const s = under(`
      query { offerings { ... on OfferingConnection { a: facets { kinds { value } } } ...More } }
      fragment More on OfferingConnection { b: facets { topics { value } } ...Total }
      fragment Total on OfferingConnection { totalCount }`);
    expect(names(s)).toEqual(['facets', 'totalCount']);
    expect(names(s.get('facets'))).toEqual(['kinds', 'topics']);
  });

  it('is empty when nothing is selected below (a leaf)', () => {
    expect(under('{ __typename }').size).toBe(0);
  });
});
