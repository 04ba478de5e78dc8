import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 items 3–5: programme flags and releasability markings as controlled lists (data an administrator
 * can extend), offerings restricted by programme flag, markings enforced with their recipients, and the French
 * side of every text an offering publishes (prerequisites, cost notes, iteration locations).
 */
export class IntakeRules1764900000000 implements MigrationInterface {
  name = 'IntakeRules1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Programme flags: which partners a programme serves (DOMAIN.md). Flags already on partners are kept as rows.
    await q.query(`CREATE TABLE programme_flag (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
      name_en text NOT NULL,
      name_fr text NOT NULL,
      position int NOT NULL DEFAULT 0
    )`);
    await q.query(`INSERT INTO programme_flag (code, name_en, name_fr, position) VALUES
      ('DCB', 'Defence Capacity Building', 'Renforcement des capacités de défense', 1),
      ('DEEP', 'Defence Education Enhancement Programme', 'Programme de perfectionnement de la formation militaire', 2)`);
    await q.query(`INSERT INTO programme_flag (code, name_en, name_fr, position)
      SELECT DISTINCT f, f, f, 100 FROM partner, unnest(programme_flags) f WHERE f NOT IN (SELECT code FROM programme_flag)`);
    await q.query(`ALTER TABLE offering ADD COLUMN required_programme_flags text[] NOT NULL DEFAULT '{}'`);
    // An array cannot carry a foreign key: one trigger checks partners' and offerings' flags against the list.
    await q.query(`CREATE FUNCTION pcp_check_programme_flags() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE flags text[];
              unknown text;
      BEGIN
        -- Each branch names its own table's column (a statement is planned when it first runs).
        IF TG_TABLE_NAME = 'partner' THEN flags := NEW.programme_flags; ELSE flags := NEW.required_programme_flags; END IF;
        SELECT string_agg(f, ', ') INTO unknown FROM unnest(flags) f WHERE NOT EXISTS (SELECT 1 FROM programme_flag p WHERE p.code = f);
        IF unknown IS NOT NULL THEN
          RAISE EXCEPTION 'unknown programme flag(s): %', unknown USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER partner_programme_flags_known BEFORE INSERT OR UPDATE OF programme_flags ON partner
      FOR EACH ROW EXECUTE FUNCTION pcp_check_programme_flags()`);
    await q.query(`CREATE TRIGGER offering_programme_flags_known BEFORE INSERT OR UPDATE OF required_programme_flags ON offering
      FOR EACH ROW EXECUTE FUNCTION pcp_check_programme_flags()`);
    // DCB packages and DEEP programmes served their programme through a copied partner list: they now require the
    // flag, and a list that covers every flagged partner (a copy) is dropped so the flag alone decides. A list
    // naming fewer (a package for one country) stays, narrowing within the flag.
    for (const [kind, flag] of [['DCB_PACKAGE', 'DCB'], ['DEEP_PROGRAMME', 'DEEP']] as const) {
      await q.query(`UPDATE offering SET required_programme_flags = ARRAY[$2] WHERE kind = $1`, [kind, flag]);
      await q.query(
        `DELETE FROM offering_eligible_partner x USING offering o WHERE o.id = x.offering_id AND o.kind = $1
            AND ARRAY(SELECT y.partner_id FROM offering_eligible_partner y WHERE y.offering_id = o.id)
                @> ARRAY(SELECT p.id FROM partner p WHERE $2 = ANY(p.programme_flags) AND NOT p.suspended)
            AND EXISTS (SELECT 1 FROM partner p WHERE $2 = ANY(p.programme_flags))`,
        [kind, flag],
      );
    }

    // Releasability markings: PUBLIC (everyone, signed in or not), PARTNERS (every partner not suspended),
    // LISTED (the partners and frameworks named on the offering). Staff see every marking.
    await q.query(`CREATE TABLE releasability_marking (
      code text PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('PUBLIC', 'PARTNERS', 'LISTED')),
      label_en text NOT NULL,
      label_fr text NOT NULL,
      position int NOT NULL DEFAULT 0
    )`);
    await q.query(`INSERT INTO releasability_marking (code, scope, label_en, label_fr, position) VALUES
      ('PUBLIC', 'PUBLIC', 'Public', 'Public', 1),
      ('NATO UNCLASSIFIED', 'PARTNERS', 'NATO UNCLASSIFIED', 'NATO SANS CLASSIFICATION', 2),
      ('RELEASABLE TO', 'LISTED', 'NATO UNCLASSIFIED, releasable to the partners and frameworks listed', 'NATO SANS CLASSIFICATION, communicable aux partenaires et cadres indiqués', 3)`);
    for (const [table, column, target] of [
      ['offering_releasable_partner', 'partner_id', 'partner'],
      ['offering_releasable_framework', 'framework_id', 'partnership_framework'],
    ] as const) {
      await q.query(`CREATE TABLE ${table} (
        offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
        ${column} uuid NOT NULL REFERENCES ${target}(id) ON DELETE CASCADE,
        PRIMARY KEY (offering_id, ${column})
      )`);
      await q.query(`CREATE INDEX ${table}_target_idx ON ${table} (${column})`);
    }
    // Free text becomes a marking: a known one as it is; "RELEASABLE TO A, B" keeps the partners and frameworks
    // it names; anything else fails closed (RELEASABLE TO nobody: staff only) until an administrator reviews it.
    await q.query(`UPDATE offering SET releasability = upper(btrim(releasability)) WHERE upper(btrim(releasability)) IN (SELECT code FROM releasability_marking)`);
    await q.query(`INSERT INTO offering_releasable_partner (offering_id, partner_id)
      SELECT DISTINCT o.id, p.id FROM offering o
        CROSS JOIN LATERAL regexp_split_to_table(substring(upper(btrim(o.releasability)) FROM '^RELEASABLE TO\\s+(.+)$'), '\\s*[,;/]\\s*|\\s+AND\\s+') c
        JOIN partner p ON upper(p.code) = c
       WHERE o.releasability NOT IN (SELECT code FROM releasability_marking)`);
    await q.query(`INSERT INTO offering_releasable_framework (offering_id, framework_id)
      SELECT DISTINCT o.id, f.id FROM offering o
        CROSS JOIN LATERAL regexp_split_to_table(substring(upper(btrim(o.releasability)) FROM '^RELEASABLE TO\\s+(.+)$'), '\\s*[,;/]\\s*|\\s+AND\\s+') c
        JOIN partnership_framework f ON upper(f.code) = c
       WHERE o.releasability NOT IN (SELECT code FROM releasability_marking)`);
    await q.query(`UPDATE offering SET releasability = 'RELEASABLE TO' WHERE releasability NOT IN (SELECT code FROM releasability_marking)`);
    await q.query(`ALTER TABLE offering ADD CONSTRAINT offering_releasability_fk FOREIGN KEY (releasability) REFERENCES releasability_marking(code) ON UPDATE CASCADE`);
    await q.query(`ALTER TABLE cooperation_request ADD COLUMN releasability text NOT NULL DEFAULT 'NATO UNCLASSIFIED'
      REFERENCES releasability_marking(code) ON UPDATE CASCADE`);

    // The French side of every published text.
    await q.query(`ALTER TABLE offering ADD COLUMN prerequisites_fr text, ADD COLUMN cost_notes_fr text`);
    await q.query(`ALTER TABLE offering_iteration ADD COLUMN location_fr text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE offering_iteration DROP COLUMN location_fr');
    await q.query('ALTER TABLE offering DROP COLUMN prerequisites_fr, DROP COLUMN cost_notes_fr');
    await q.query('ALTER TABLE cooperation_request DROP COLUMN releasability');
    await q.query('ALTER TABLE offering DROP CONSTRAINT offering_releasability_fk');
    await q.query('DROP TABLE offering_releasable_framework');
    await q.query('DROP TABLE offering_releasable_partner');
    await q.query('DROP TABLE releasability_marking');
    await q.query('DROP TRIGGER offering_programme_flags_known ON offering');
    await q.query('DROP TRIGGER partner_programme_flags_known ON partner');
    await q.query('DROP FUNCTION pcp_check_programme_flags()');
    await q.query('ALTER TABLE offering DROP COLUMN required_programme_flags');
    await q.query('DROP TABLE programme_flag');
  }
}
