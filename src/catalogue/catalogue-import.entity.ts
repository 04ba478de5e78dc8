import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One problem of one row of an import file (the GraphQL type is ImportRowErrorNode, dto/catalogue-import.types.ts). */
export interface ImportRowError {
  /** Row number in the file, the header being row 1. */
  row: number;
  /** The sheet (XLSX); null for CSV. */
  sheet: string | null;
  /** The column header; null when the whole row is concerned. */
  column: string | null;
  message: string;
}

export type CatalogueImportStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** An import of catalogue rows, applied by a background job (catalogue-import.worker.ts); its file is in catalogue_import_file. */
@Entity({ name: 'catalogue_import' })
export class CatalogueImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  format: string;

  @Column({ type: 'text', default: 'QUEUED' })
  status: CatalogueImportStatus;

  @Column({ name: 'rows_total', type: 'int', default: 0 })
  rowsTotal: number;

  @Column({ name: 'rows_done', type: 'int', default: 0 })
  rowsDone: number;

  @Column({ name: 'created_count', type: 'int', default: 0 })
  createdCount: number;

  @Column({ name: 'updated_count', type: 'int', default: 0 })
  updatedCount: number;

  @Column({ name: 'unchanged_count', type: 'int', default: 0 })
  unchangedCount: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportRowError[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
