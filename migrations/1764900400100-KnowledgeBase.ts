import type { MigrationInterface, QueryRunner } from 'typeorm';

interface Article {
  slug: string;
  category: string;
  areas: string[];
  kinds: string[];
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
}

/** The first articles, from the public facts in DOMAIN.md (partnerships, SPS, course administration, trust funds). */
const ARTICLES: Article[] = [
  {
    slug: 'who-is-eligible',
    category: 'ELIGIBILITY',
    areas: [],
    kinds: [],
    titleEn: 'Who may request an offering',
    titleFr: 'Qui peut demander une offre',
    bodyEn:
      'A partner is a nation or an international organisation belonging to zero or more partnership frameworks: the Euro-Atlantic Partnership Council / Partnership for Peace, the Mediterranean Dialogue, the Istanbul Cooperation Initiative and partners across the globe. An offering lists the frameworks and partners it is open to; an offering that lists none is open to every partner that is not suspended. A suspended partner (cooperation frozen) can see nothing new and submit nothing. The catalogue shows eligibility on every offering before you start a request.',
    bodyFr:
      "Un partenaire est un pays ou une organisation internationale qui appartient à un ou plusieurs cadres de partenariat : le Conseil de partenariat euro-atlantique / Partenariat pour la paix, le Dialogue méditerranéen, l'Initiative de coopération d'Istanbul et les partenaires dans le monde. Une offre indique les cadres et les partenaires auxquels elle est ouverte ; une offre qui n'en indique aucun est ouverte à tout partenaire non suspendu. Un partenaire suspendu (coopération gelée) ne voit rien de nouveau et ne peut rien soumettre. Le catalogue affiche l'admissibilité de chaque offre avant que vous commenciez une demande.",
  },
  {
    slug: 'dcb-eligibility',
    category: 'ELIGIBILITY',
    areas: ['CAPABILITY'],
    kinds: ['DCB_PACKAGE'],
    titleEn: 'Defence Capacity Building packages: who can ask',
    titleFr: 'Programmes de renforcement des capacités de défense : qui peut demander',
    bodyEn:
      'Defence Capacity Building (DCB) packages are only for partners with the DCB programme flag (for example Bosnia and Herzegovina, Georgia, Iraq, Jordan, Mauritania, the Republic of Moldova, Tunisia and the United Nations). A package is multi-activity and designed with the partner; it may draw on NATO common funding and on trust funds led by one or more nations.',
    bodyFr:
      "Les programmes de renforcement des capacités de défense (DCB) sont réservés aux partenaires qui en bénéficient (par exemple la Bosnie-Herzégovine, la Géorgie, l'Iraq, la Jordanie, la Mauritanie, la République de Moldova, la Tunisie et l'Organisation des Nations unies). Un programme comporte plusieurs activités et se conçoit avec le partenaire ; il peut s'appuyer sur le financement commun de l'OTAN et sur des fonds d'affectation spéciale dirigés par un ou plusieurs pays.",
  },
  {
    slug: 'how-to-apply-for-a-course',
    category: 'HOW_TO_APPLY',
    areas: ['TRAINING'],
    kinds: ['TRAINING_COURSE', 'COE_COURSE'],
    titleEn: 'How to apply for a course',
    titleFr: 'Comment demander une place dans un cours',
    bodyEn:
      'Pick a dated iteration in the catalogue, name your nominees and submit before the application deadline: nominations close then. Seats beyond capacity go to a waiting list. Within about six weeks of the start only substitutions are accepted, with the section’s approval. A course may require a minimum STANAG 6001 language profile (four digits: listening, speaking, reading, writing, e.g. 3232) and a minimum security clearance; attendance and completion are recorded after the course and feed your training history.',
    bodyFr:
      "Choisissez une session datée dans le catalogue, désignez vos candidats et soumettez avant la date limite : les candidatures sont alors closes. Les places au-delà de la capacité vont sur une liste d'attente. Dans les six semaines environ avant le début, seules les substitutions sont acceptées, avec l'accord de la section. Un cours peut exiger un profil linguistique STANAG 6001 minimal (quatre chiffres : compréhension de l'oral, expression orale, compréhension de l'écrit, expression écrite, p. ex. 3232) et une habilitation de sécurité minimale ; la présence et la réussite sont enregistrées après le cours et alimentent votre historique de formation.",
  },
  {
    slug: 'sps-grant-rules',
    category: 'PROGRAMME_RULES',
    areas: ['SCIENCE'],
    kinds: ['SPS_GRANT'],
    titleEn: 'Science for Peace and Security grants: the rules',
    titleFr: 'Subventions du programme pour la science au service de la paix et de la sécurité : les règles',
    bodyEn:
      'SPS grants take four forms: Multi-Year Projects, Advanced Research Workshops, Advanced Training Courses and Advanced Study Institutes. Every application has two co-directors, one from a NATO member country and one from a partner country. Applications answer calls, are checked for eligibility by SPS staff, reviewed by independent experts and endorsed in batches; events are planned 12 to 15 months ahead, so apply early.',
    bodyFr:
      "Les subventions SPS prennent quatre formes : projets pluriannuels, ateliers de recherche avancée, cours de formation avancée et instituts d'études avancées. Chaque candidature a deux codirecteurs, l'un d'un pays membre de l'OTAN et l'autre d'un pays partenaire. Les candidatures répondent à des appels, sont vérifiées par le personnel SPS, évaluées par des experts indépendants et approuvées par lots ; les activités sont prévues 12 à 15 mois à l'avance : déposez tôt.",
  },
  {
    slug: 'partnership-programme-and-reporting',
    category: 'PROGRAMME_RULES',
    areas: ['CONSULTATION'],
    kinds: [],
    titleEn: 'Your Individually Tailored Partnership Programme and how requests are reported',
    titleFr: 'Votre programme de partenariat individualisé et le compte rendu des demandes',
    bodyEn:
      'Since 2023 each partner’s cooperation with NATO is framed by one Individually Tailored Partnership Programme (ITPP) of objectives over about four years: ends (what you want to achieve), ways (the activities) and means (the tools and funding). Link each request to the objective it serves: the plan then reports the requests, their status, seats used and completions per objective.',
    bodyFr:
      "Depuis 2023, la coopération de chaque partenaire avec l'OTAN s'inscrit dans un programme de partenariat individualisé (ITPP) d'objectifs sur environ quatre ans : les fins (ce que vous voulez atteindre), les voies (les activités) et les moyens (les outils et le financement). Rattachez chaque demande à l'objectif qu'elle sert : le programme rend alors compte, par objectif, des demandes, de leur statut, des places utilisées et des formations achevées.",
  },
  {
    slug: 'funding-sources',
    category: 'PROGRAMME_RULES',
    areas: ['CAPABILITY'],
    kinds: ['DCB_PACKAGE', 'SPS_GRANT'],
    titleEn: 'How cooperation is funded',
    titleFr: 'Comment la coopération est financée',
    bodyEn:
      'Activities draw on NATO common funding, on trust funds (voluntary contributions by Allies and partners, led by one or more lead nations), on national contributions and on SPS grants; one request may draw on several sources. Each funding line records the amount committed and spent in its currency and fiscal year.',
    bodyFr:
      "Les activités s'appuient sur le financement commun de l'OTAN, sur des fonds d'affectation spéciale (contributions volontaires des Alliés et des partenaires, dirigées par un ou plusieurs pays chefs de file), sur des contributions nationales et sur des subventions SPS ; une même demande peut faire appel à plusieurs sources. Chaque ligne de financement indique le montant engagé et dépensé dans sa devise et pour son exercice.",
  },
];

/**
 * Issue #17 item 4: bilingual knowledge-base articles (eligibility, how to apply, programme rules), tagged with areas
 * and offering kinds so the request form and the offering page can link the relevant ones, and searched like the
 * catalogue: stored tsvector columns per language over the unaccented text (pcp_unaccent, from the catalogue's
 * migration), titles weighted above bodies.
 */
export class KnowledgeBase1764900400100 implements MigrationInterface {
  name = 'KnowledgeBase1764900400100';

  async up(q: QueryRunner): Promise<void> {
    const vector = (config: string, lang: string) => `
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(title_${lang}, ''))), 'A') ||
      setweight(to_tsvector('${config}'::regconfig, pcp_unaccent(coalesce(body_${lang}, ''))), 'B')`;
    await q.query(`
      CREATE TABLE knowledge_article (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CONSTRAINT knowledge_article_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        category text NOT NULL CONSTRAINT knowledge_article_category_check CHECK (category IN ('ELIGIBILITY', 'HOW_TO_APPLY', 'PROGRAMME_RULES', 'GENERAL')),
        title_en text NOT NULL,
        title_fr text NOT NULL,
        body_en text NOT NULL,
        body_fr text NOT NULL,
        area_codes text[] NOT NULL DEFAULT '{}',
        offering_kinds text[] NOT NULL DEFAULT '{}',
        published boolean NOT NULL DEFAULT true,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_en tsvector GENERATED ALWAYS AS (${vector('english', 'en')}) STORED,
        search_fr tsvector GENERATED ALWAYS AS (${vector('french', 'fr')}) STORED
      )`);
    await q.query('CREATE INDEX knowledge_article_search_en_idx ON knowledge_article USING gin (search_en)');
    await q.query('CREATE INDEX knowledge_article_search_fr_idx ON knowledge_article USING gin (search_fr)');
    await q.query('CREATE INDEX knowledge_article_tags_idx ON knowledge_article USING gin (area_codes, offering_kinds)');
    for (const a of ARTICLES) {
      await q.query(
        `INSERT INTO knowledge_article (slug, category, area_codes, offering_kinds, title_en, title_fr, body_en, body_fr) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [a.slug, a.category, a.areas, a.kinds, a.titleEn, a.titleFr, a.bodyEn, a.bodyFr],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE knowledge_article');
  }
}
