import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The offering columns a catalogue search's conditions read (offering-query.ts, offering-visibility.ts), kept as they are. */
export const MIRRORED = ['status', 'releasability', 'kind', 'delivery_mode', 'owning_section_id', 'required_programme_flags', 'search_en', 'search_fr', 'search_title_en', 'search_title_fr', 'search_text'] as const;
export const SEARCH_COLUMNS = ['search_en', 'search_fr', 'search_title_en', 'search_title_fr', 'search_text'] as const;
const COUNTED_COLUMNS = ['status', 'releasability', 'kind', 'delivery_mode', 'required_programme_flags', 'area_ids', 'topic_ids'] as const;

/**
 * A narrow row per offering for counting a search's matches and facets (issue #19, item 4). Counting reads every
 * match's kind, mode, section, areas and topics: on `offering` that is a heap visit per match on a wide row
 * (descriptions in two languages, five search vectors: 13,900 pages for a common word at 100,000 offerings)
 * and two index lookups per match for areas and topics. Here the same search conditions (same column names,
 * same GIN indexes) find the matches on rows of a few hundred bytes — the search vectors meant to be stored out of
 * line (toast_tuple_target, STORAGE EXTERNAL; only rows over 2 kB were: OfferingSearchFacetBits) — which carry the area and topic
 * ids inline (STORAGE PLAIN: with so low a target they would otherwise be moved out of line too).
 *
 * Kept in step by triggers in the writing transaction, whatever writes (the app, an import, a seed, psql):
 * a row trigger on offering, statement triggers with transition tables on its area and topic links.
 */
export class OfferingSearchRows1764900800000 implements MigrationInterface {
  name = 'OfferingSearchRows1764900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE offering_search (
        id uuid PRIMARY KEY REFERENCES offering(id) ON DELETE CASCADE,
        status text NOT NULL,
        releasability text NOT NULL,
        kind text NOT NULL,
        delivery_mode text NOT NULL,
        owning_section_id uuid NOT NULL,
        required_programme_flags text[] NOT NULL,
        area_ids uuid[] NOT NULL DEFAULT '{}',
        topic_ids uuid[] NOT NULL DEFAULT '{}',
        search_en tsvector,
        search_fr tsvector,
        search_title_en tsvector,
        search_title_fr tsvector,
        search_text text
      ) WITH (toast_tuple_target = 128)`);
    // Out of line: the search vectors (an index match never reads them). Inline, never compressed: what is counted.
    for (const column of SEARCH_COLUMNS) await q.query(`ALTER TABLE offering_search ALTER COLUMN ${column} SET STORAGE EXTERNAL`);
    for (const column of COUNTED_COLUMNS) await q.query(`ALTER TABLE offering_search ALTER COLUMN ${column} SET STORAGE PLAIN`);

    const assignments = MIRRORED.map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    const changed = MIRRORED.map((c) => `offering_search.${c} IS DISTINCT FROM EXCLUDED.${c}`).join(' OR ');
    await q.query(`CREATE FUNCTION pcp_offering_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO offering_search (id, ${MIRRORED.join(', ')}, area_ids, topic_ids)
        VALUES (NEW.id, ${MIRRORED.map((c) => `NEW.${c}`).join(', ')},
                coalesce((SELECT array_agg(area_id ORDER BY area_id) FROM offering_area WHERE offering_id = NEW.id), '{}'),
                coalesce((SELECT array_agg(topic_id ORDER BY topic_id) FROM offering_topic WHERE offering_id = NEW.id), '{}'))
        ON CONFLICT (id) DO UPDATE SET ${assignments} WHERE ${changed};
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER offering_search_sync AFTER INSERT OR UPDATE ON offering FOR EACH ROW EXECUTE FUNCTION pcp_offering_search_sync()`);

    // One function per link table: the offerings whose links a statement touched get their id list again.
    for (const [table, column, target] of [['offering_area', 'area_id', 'area_ids'], ['offering_topic', 'topic_id', 'topic_ids']] as const) {
      const refresh = (from: string) => `UPDATE offering_search s
           SET ${target} = coalesce((SELECT array_agg(l.${column} ORDER BY l.${column}) FROM ${table} l WHERE l.offering_id = s.id), '{}')
         WHERE s.id IN (SELECT offering_id FROM ${from})`;
      await q.query(`CREATE FUNCTION pcp_${table}_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${refresh('added')};
          ELSIF TG_OP = 'DELETE' THEN ${refresh('removed')};
          ELSE ${refresh('(SELECT offering_id FROM added UNION SELECT offering_id FROM removed) x')};
          END IF;
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER ${table}_search_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pcp_${table}_search_sync()`);
      await q.query(`CREATE TRIGGER ${table}_search_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION pcp_${table}_search_sync()`);
      await q.query(`CREATE TRIGGER ${table}_search_update AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS added OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION pcp_${table}_search_sync()`);
    }

    await q.query(`INSERT INTO offering_search (id, ${MIRRORED.join(', ')}, area_ids, topic_ids)
      SELECT o.id, ${MIRRORED.map((c) => `o.${c}`).join(', ')},
             coalesce((SELECT array_agg(area_id ORDER BY area_id) FROM offering_area WHERE offering_id = o.id), '{}'),
             coalesce((SELECT array_agg(topic_id ORDER BY topic_id) FROM offering_topic WHERE offering_id = o.id), '{}')
        FROM offering o`);
    await q.query('CREATE INDEX offering_search_en_gin ON offering_search USING gin (search_en)');
    await q.query('CREATE INDEX offering_search_fr_gin ON offering_search USING gin (search_fr)');
    await q.query('CREATE INDEX offering_search_title_en_gin ON offering_search USING gin (search_title_en)');
    await q.query('CREATE INDEX offering_search_title_fr_gin ON offering_search USING gin (search_title_fr)');
    await q.query('CREATE INDEX offering_search_text_trgm_gin ON offering_search USING gin (search_text gin_trgm_ops)');
    await q.query('ANALYZE offering_search');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['offering_area', 'offering_topic']) {
      for (const event of ['insert', 'delete', 'update']) await q.query(`DROP TRIGGER ${table}_search_${event} ON ${table}`);
      await q.query(`DROP FUNCTION pcp_${table}_search_sync()`);
    }
    await q.query('DROP TRIGGER offering_search_sync ON offering');
    await q.query('DROP FUNCTION pcp_offering_search_sync()');
    await q.query('DROP TABLE offering_search');
  }
}
