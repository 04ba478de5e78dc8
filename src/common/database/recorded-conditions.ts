import type { ObjectLiteral } from 'typeorm';

/**
 * Collects `andWhere` conditions and their named parameters instead of building a query: what a hot read path
 * keys its cached statement text on (the conditions' text is its shape; the parameters are bound per call), so
 * TypeORM's query builder, which costs more CPU than a small indexed read, runs at most once per shape.
 */
export class RecordedConditions {
  readonly wheres: string[] = [];
  readonly parameters: ObjectLiteral = {};

  andWhere(where: string, parameters?: ObjectLiteral): this {
    this.wheres.push(where);
    if (parameters) Object.assign(this.parameters, parameters);
    return this;
  }
}
