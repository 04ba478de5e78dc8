import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #15 item 2: SPS peer review and committee endorsement. The rubric and the decision outcomes are data
 * (an outcome names the request status it moves the application to through the lifecycle door, or none for a
 * deferral). Reviews and reviewers live here only, never on the request's timeline, so the partner never sees them.
 */
export class SpsPeerReview1764900100100 implements MigrationInterface {
  name = 'SpsPeerReview1764900100100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sps_rubric_criterion (
      code text PRIMARY KEY,
      position int NOT NULL,
      label_en text NOT NULL,
      label_fr text NOT NULL,
      guidance_en text NOT NULL,
      guidance_fr text NOT NULL,
      min_score int NOT NULL DEFAULT 1,
      max_score int NOT NULL DEFAULT 5,
      CHECK (min_score < max_score)
    )`);
    const rubric: Array<[string, string, string, string, string]> = [
      ['SCIENTIFIC_MERIT', 'Scientific and technical quality', 'Qualité scientifique et technique',
        'Soundness of the approach, state of the art, expertise of the directors and their teams.', "Solidité de l'approche, état de l'art, expertise des directeurs et de leurs équipes."],
      ['PRIORITY_RELEVANCE', 'Relevance to SPS key priorities', 'Pertinence au regard des priorités clés du SPS',
        "Link to the SPS key priorities and NATO's strategic objectives.", "Lien avec les priorités clés du SPS et les objectifs stratégiques de l'OTAN."],
      ['PARTNERSHIP', 'Quality of the NATO–partner collaboration', 'Qualité de la collaboration OTAN–partenaire',
        'Balanced roles of the two co-directors, involvement of young scientists and of the partner institution.', 'Rôles équilibrés des deux codirecteurs, participation de jeunes chercheurs et de l’institution partenaire.'],
      ['IMPACT', 'Expected impact and end users', 'Impact attendu et utilisateurs finaux',
        'Benefit to the partner and to Allied security; engagement of end users; dissemination.', "Bénéfice pour le partenaire et pour la sécurité des Alliés ; participation des utilisateurs finaux ; diffusion."],
      ['FEASIBILITY', 'Feasibility of the plan and budget', 'Faisabilité du plan et du budget',
        'Realistic work plan, milestones and budget for the mechanism chosen.', 'Plan de travail, jalons et budget réalistes pour le mécanisme choisi.'],
    ];
    for (const [i, [code, en, fr, gen, gfr]] of rubric.entries()) {
      await q.query('INSERT INTO sps_rubric_criterion (code, position, label_en, label_fr, guidance_en, guidance_fr) VALUES ($1, $2, $3, $4, $5, $6)', [code, i + 1, en, fr, gen, gfr]);
    }

    await q.query(`CREATE TABLE sps_decision_outcome (
      code text PRIMARY KEY,
      position int NOT NULL,
      label_en text NOT NULL,
      label_fr text NOT NULL,
      request_status text NULL CHECK (request_status IN ('APPROVED', 'DECLINED'))
    )`);
    await q.query(`INSERT INTO sps_decision_outcome (code, position, label_en, label_fr, request_status) VALUES
      ('ENDORSED', 1, 'Endorsed', 'Approuvée', 'APPROVED'),
      ('NOT_ENDORSED', 2, 'Not endorsed', 'Non approuvée', 'DECLINED'),
      ('DEFERRED', 3, 'Deferred', 'Reportée', NULL)`);

    await q.query(`CREATE TABLE sps_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
      reviewer_id uuid NOT NULL REFERENCES app_user(id),
      assigned_by uuid NULL REFERENCES app_user(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      scores jsonb NOT NULL DEFAULT '{}'::jsonb,
      comments text NULL,
      submitted_at timestamptz NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT sps_review_one_per_reviewer UNIQUE (request_id, reviewer_id)
    )`);
    await q.query('CREATE INDEX sps_review_reviewer_idx ON sps_review (reviewer_id, assigned_at DESC, id DESC)');

    await q.query(`CREATE TABLE sps_committee_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      meeting_date date NOT NULL,
      created_by uuid NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX sps_committee_batch_meeting_idx ON sps_committee_batch (meeting_date DESC, id DESC)');

    // An application sits in one batch at a time; a deferred one moves to a later batch (audited).
    await q.query(`CREATE TABLE sps_batch_application (
      request_id uuid PRIMARY KEY REFERENCES cooperation_request(id) ON DELETE CASCADE,
      batch_id uuid NOT NULL REFERENCES sps_committee_batch(id) ON DELETE CASCADE,
      added_by uuid NULL REFERENCES app_user(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      outcome_code text NULL REFERENCES sps_decision_outcome(code),
      decision_reason text NULL,
      decided_by uuid NULL REFERENCES app_user(id),
      decided_at timestamptz NULL,
      CHECK ((outcome_code IS NULL) = (decided_at IS NULL))
    )`);
    await q.query('CREATE INDEX sps_batch_application_batch_idx ON sps_batch_application (batch_id, added_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sps_batch_application');
    await q.query('DROP TABLE sps_committee_batch');
    await q.query('DROP TABLE sps_review');
    await q.query('DROP TABLE sps_decision_outcome');
    await q.query('DROP TABLE sps_rubric_criterion');
  }
}
