import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum CatalogueImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(CatalogueImportStatus, { name: 'CatalogueImportStatus', description: 'QUEUED, RUNNING, DONE (every row tried; see errors), FAILED (the job stopped).' });

@ObjectType({ description: 'One problem of one row of an import file: the row number (as a spreadsheet shows it), the column, and what to fix.' })
export class ImportRowErrorNode {
  @Field(() => Int, { description: 'Row number in the file, the header being row 1.' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The sheet (XLSX); null for CSV.' })
  sheet: string | null;

  @Field(() => String, { nullable: true, description: 'The column header; null when the whole row is concerned.' })
  column: string | null;

  @Field()
  message: string;
}

@ObjectType('CatalogueImport', { description: 'A catalogue import and its progress.' })
export class CatalogueImportNode {
  @Field(() => ID)
  id: string;

  @Field()
  fileName: string;

  @Field({ description: 'CSV or XLSX.' })
  format: string;

  @Field(() => CatalogueImportStatus)
  status: CatalogueImportStatus;

  @Field(() => Int, { description: 'Rows in the file (offerings and iterations).' })
  rowsTotal: number;

  @Field(() => Int, { description: 'Rows tried so far.' })
  rowsDone: number;

  @Field(() => Int)
  createdCount: number;

  @Field(() => Int)
  updatedCount: number;

  @Field(() => Int, { description: 'Rows that matched the catalogue already (a re-import of the same file changes nothing).' })
  unchangedCount: number;

  @Field(() => [ImportRowErrorNode])
  errors: ImportRowErrorNode[];

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
