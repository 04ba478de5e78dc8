import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CatalogueImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(CatalogueImportStatus, { name: 'CatalogueImportStatus', description: 'QUEUED, RUNNING, DONE (every row tried; see errors), FAILED (the job stopped).' });

@ObjectType({ description: 'One problem of one row of an import file: the row number (as a spreadsheet shows it), the column, and what to fix.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Row number in the file, the header being row 1 (in XLSX, with the sheet).' })
  row: number;

  @Field(() => String, { nullable: true, description: 'Offerings or Iterations (XLSX); null for CSV.' })
  sheet?: string | null;

  @Field(() => String, { nullable: true, description: 'The column header; null when the whole row is concerned.' })
  column: string | null;

  @Field()
  message: string;
}

/** An import of catalogue rows, applied by a background job (catalogue-import.worker.ts). */
@ObjectType({ description: 'A catalogue import and its progress.' })
@Entity({ name: 'catalogue_import' })
export class CatalogueImport {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Field()
  @Column({ type: 'text' })
  format: string;

  @Field(() => CatalogueImportStatus)
  @Column({ type: 'text', default: 'QUEUED' })
  status: CatalogueImportStatus;

  @Field(() => Int, { description: 'Rows in the file (offerings and iterations).' })
  @Column({ name: 'rows_total', type: 'int', default: 0 })
  rowsTotal: number;

  @Field(() => Int, { description: 'Rows tried so far.' })
  @Column({ name: 'rows_done', type: 'int', default: 0 })
  rowsDone: number;

  @Field(() => Int)
  @Column({ name: 'created_count', type: 'int', default: 0 })
  createdCount: number;

  @Field(() => Int)
  @Column({ name: 'updated_count', type: 'int', default: 0 })
  updatedCount: number;

  @Field(() => Int, { description: 'Rows that matched the catalogue already (a re-import of the same file changes nothing).' })
  @Column({ name: 'unchanged_count', type: 'int', default: 0 })
  unchangedCount: number;

  @Field(() => [ImportRowError])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportRowError[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Field()
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
