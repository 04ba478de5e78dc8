import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where a page sits in a list (Relay).' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'True when the page was asked for after a cursor. Lists page forwards only.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * Builds `<Name>Edge` and `<Name>Connection` object types for a node type. `totalCount` is declared
 * here; a connection that computes it lazily resolves it with a @ResolveField.
 */
export function Connection<T>(node: Type<T>, name = node.name) {
  @ObjectType(`${name}Edge`)
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque keyset cursor: pass it as `after` to get the rows that follow.' })
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many rows match, over all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

/**
 * Turns `limit + 1` rows fetched after a keyset position into a page: the extra row only tells
 * whether there is a next page.
 */
export function toConnection<T>(rows: T[], limit: number, after: string | null | undefined, cursorOf: (row: T) => string): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
