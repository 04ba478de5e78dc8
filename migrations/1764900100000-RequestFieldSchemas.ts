import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 item 1: the extra request fields each offering kind (or one offering, overriding its kind) asks for,
 * as a JSON Schema kept as data, and the values a request carries (`kind_fields`, kept in drafts). The 32 Allies
 * (ISO 3166-1 alpha-3) are reference data too: the SPS_GRANT schema names them as the list its NATO-country
 * director's country is checked against (`x-options: allied-nations`), so a new member is a row, not a release.
 */
export class RequestFieldSchemas1764900100000 implements MigrationInterface {
  name = 'RequestFieldSchemas1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE allied_nation (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
      name_en text NOT NULL,
      name_fr text NOT NULL,
      member_since int NOT NULL
    )`);
    const allies: Array<[string, string, string, number]> = [
      ['ALB', 'Albania', 'Albanie', 2009], ['BEL', 'Belgium', 'Belgique', 1949], ['BGR', 'Bulgaria', 'Bulgarie', 2004],
      ['CAN', 'Canada', 'Canada', 1949], ['HRV', 'Croatia', 'Croatie', 2009], ['CZE', 'Czechia', 'Tchéquie', 1999],
      ['DNK', 'Denmark', 'Danemark', 1949], ['EST', 'Estonia', 'Estonie', 2004], ['FIN', 'Finland', 'Finlande', 2023],
      ['FRA', 'France', 'France', 1949], ['DEU', 'Germany', 'Allemagne', 1955], ['GRC', 'Greece', 'Grèce', 1952],
      ['HUN', 'Hungary', 'Hongrie', 1999], ['ISL', 'Iceland', 'Islande', 1949], ['ITA', 'Italy', 'Italie', 1949],
      ['LVA', 'Latvia', 'Lettonie', 2004], ['LTU', 'Lithuania', 'Lituanie', 2004], ['LUX', 'Luxembourg', 'Luxembourg', 1949],
      ['MNE', 'Montenegro', 'Monténégro', 2017], ['NLD', 'Netherlands', 'Pays-Bas', 1949], ['MKD', 'North Macedonia', 'Macédoine du Nord', 2020],
      ['NOR', 'Norway', 'Norvège', 1949], ['POL', 'Poland', 'Pologne', 1999], ['PRT', 'Portugal', 'Portugal', 1949],
      ['ROU', 'Romania', 'Roumanie', 2004], ['SVK', 'Slovakia', 'Slovaquie', 2004], ['SVN', 'Slovenia', 'Slovénie', 2004],
      ['ESP', 'Spain', 'Espagne', 1982], ['SWE', 'Sweden', 'Suède', 2024], ['TUR', 'Türkiye', 'Türkiye', 1952],
      ['GBR', 'United Kingdom', 'Royaume-Uni', 1949], ['USA', 'United States', 'États-Unis', 1949],
    ];
    for (const [code, en, fr, year] of allies) {
      await q.query('INSERT INTO allied_nation (code, name_en, name_fr, member_since) VALUES ($1, $2, $3, $4)', [code, en, fr, year]);
    }

    await q.query(`CREATE TABLE request_field_schema (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      offering_kind text NULL,
      offering_id uuid NULL REFERENCES offering(id) ON DELETE CASCADE,
      schema jsonb NOT NULL CHECK (jsonb_typeof(schema) = 'object'),
      version int NOT NULL DEFAULT 1,
      updated_by uuid NULL REFERENCES app_user(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT request_field_schema_one_subject CHECK ((offering_kind IS NULL) <> (offering_id IS NULL))
    )`);
    await q.query('CREATE UNIQUE INDEX request_field_schema_kind_key ON request_field_schema (offering_kind) WHERE offering_kind IS NOT NULL');
    await q.query('CREATE UNIQUE INDEX request_field_schema_offering_key ON request_field_schema (offering_id) WHERE offering_id IS NOT NULL');
    await q.query(`ALTER TABLE cooperation_request ADD COLUMN kind_fields jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(kind_fields) = 'object')`);

    await q.query('INSERT INTO request_field_schema (offering_kind, schema) VALUES ($1, $2)', ['SPS_GRANT', JSON.stringify(SPS_GRANT_SCHEMA)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cooperation_request DROP COLUMN kind_fields');
    await q.query('DROP TABLE request_field_schema');
    await q.query('DROP TABLE allied_nation');
  }
}

const director = (en: string, fr: string, country: Record<string, unknown>) => ({
  type: 'object',
  title: en,
  'x-title-fr': fr,
  required: ['name', 'institution', 'country', 'email'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, title: 'Name', 'x-title-fr': 'Nom' },
    institution: { type: 'string', minLength: 1, maxLength: 300, title: 'Institution', 'x-title-fr': 'Institution' },
    country: { type: 'string', maxLength: 3, ...country },
    email: { type: 'string', format: 'email', maxLength: 254, title: 'Email', 'x-title-fr': 'Courriel' },
  },
});

/** The SPS grant application (DOMAIN.md, SPS grant mechanisms). Frozen here as the seed; administrators replace it with setRequestFieldSchema. */
export const SPS_GRANT_SCHEMA = {
  type: 'object',
  title: 'SPS grant application',
  'x-title-fr': 'Demande de subvention SPS',
  required: ['mechanism', 'natoDirector', 'partnerDirector', 'budget', 'keyDates'],
  additionalProperties: false,
  properties: {
    mechanism: {
      type: 'string',
      title: 'SPS mechanism',
      'x-title-fr': 'Mécanisme SPS',
      enum: ['MYP', 'ARW', 'ATC', 'ASI'],
      'x-enum-titles': { MYP: 'Multi-Year Project', ARW: 'Advanced Research Workshop', ATC: 'Advanced Training Course', ASI: 'Advanced Study Institute' },
      'x-enum-titles-fr': { MYP: 'Projet pluriannuel', ARW: 'Atelier de recherche avancée', ATC: 'Cours de formation avancée', ASI: "Institut d'études avancées" },
    },
    natoDirector: director('NATO-country project director', 'Directeur de projet (pays de l’OTAN)', {
      title: 'Country (an Ally, ISO alpha-3)',
      'x-title-fr': 'Pays (un Allié, ISO alpha-3)',
      'x-options': 'allied-nations',
    }),
    partnerDirector: director('Partner-country project director', 'Directeur de projet (pays partenaire)', {
      title: 'Country (ISO alpha-3)',
      'x-title-fr': 'Pays (ISO alpha-3)',
      pattern: '^[A-Z]{3}$',
      description: 'three capital letters, e.g. GEO',
      'x-description-fr': 'trois lettres majuscules, par exemple GEO',
    }),
    budget: {
      type: 'object',
      title: 'Budget requested',
      'x-title-fr': 'Budget demandé',
      required: ['amount', 'currency'],
      additionalProperties: false,
      properties: {
        amount: { type: 'number', exclusiveMinimum: 0, maximum: 10000000, title: 'Amount', 'x-title-fr': 'Montant' },
        currency: { type: 'string', enum: ['EUR', 'USD'], title: 'Currency', 'x-title-fr': 'Devise' },
      },
    },
    keyDates: {
      type: 'object',
      title: 'Key dates',
      'x-title-fr': 'Dates clés',
      required: ['eventStart'],
      additionalProperties: false,
      properties: {
        eventStart: {
          type: 'string',
          format: 'date',
          title: 'Event start',
          'x-title-fr': 'Début de l’activité',
          'x-months-after-submission': { min: 12, max: 15 },
        },
        eventEnd: { type: 'string', format: 'date', title: 'Event end', 'x-title-fr': 'Fin de l’activité' },
      },
    },
    milestones: {
      type: 'array',
      title: 'Milestones',
      'x-title-fr': 'Jalons',
      maxItems: 20,
      items: {
        type: 'object',
        required: ['date', 'description'],
        additionalProperties: false,
        properties: {
          date: { type: 'string', format: 'date', title: 'Date', 'x-title-fr': 'Date' },
          description: { type: 'string', minLength: 1, maxLength: 500, title: 'Description', 'x-title-fr': 'Description' },
        },
      },
    },
  },
};
