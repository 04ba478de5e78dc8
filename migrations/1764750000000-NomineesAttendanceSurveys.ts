import type { MigrationInterface, QueryRunner } from 'typeorm';

const CLEARANCES = `'NONE', 'NATO_RESTRICTED', 'NATO_CONFIDENTIAL', 'NATO_SECRET', 'COSMIC_TOP_SECRET'`;

/**
 * Issue #14 items 5 and 8: a partner's directory of nominees (personal data), the nominee requirements an
 * offering or one of its iterations declares (minimum clearance, minimum STANAG 6001 SLP in a language),
 * attendance recorded per nominee after the course, and the partner's feedback survey per request.
 * Nominees on a request stay in cooperation_request.participants (jsonb); attendance names one by its
 * position there (participant_index). The app role gets these tables through the default privileges of
 * AppRole1764200000000.
 */
export class NomineesAttendanceSurveys1764750000000 implements MigrationInterface {
  name = 'NomineesAttendanceSurveys1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nominee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        name text NOT NULL CONSTRAINT nominee_name_check CHECK (length(name) BETWEEN 1 AND 200),
        rank_or_title text CONSTRAINT nominee_rank_check CHECK (length(rank_or_title) <= 100),
        email text CONSTRAINT nominee_email_check CHECK (length(email) <= 320),
        clearance_level text NOT NULL DEFAULT 'NONE' CONSTRAINT nominee_clearance_check CHECK (clearance_level IN (${CLEARANCES})),
        language_profiles jsonb NOT NULL DEFAULT '[]'::jsonb CONSTRAINT nominee_profiles_check CHECK (jsonb_typeof(language_profiles) = 'array'),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX nominee_partner_name_idx ON nominee (partner_id, lower(name), id)');

    // One row per offering or per iteration; an iteration's row replaces its offering's.
    const skill = (s: string) => `min_${s} smallint CONSTRAINT nominee_requirement_${s}_check CHECK (min_${s} BETWEEN 0 AND 5)`;
    await q.query(`
      CREATE TABLE nominee_requirement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        offering_id uuid CONSTRAINT nominee_requirement_offering_key UNIQUE REFERENCES offering(id) ON DELETE CASCADE,
        iteration_id uuid CONSTRAINT nominee_requirement_iteration_key UNIQUE REFERENCES offering_iteration(id) ON DELETE CASCADE,
        min_clearance text CONSTRAINT nominee_requirement_clearance_check CHECK (min_clearance IN (${CLEARANCES})),
        language text CONSTRAINT nominee_requirement_language_check CHECK (language ~ '^[a-z]{2}$'),
        ${skill('listening')}, ${skill('speaking')}, ${skill('reading')}, ${skill('writing')},
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT nominee_requirement_target_check CHECK ((offering_id IS NULL) <> (iteration_id IS NULL)),
        CONSTRAINT nominee_requirement_slp_check CHECK (
          (language IS NULL AND min_listening IS NULL AND min_speaking IS NULL AND min_reading IS NULL AND min_writing IS NULL)
          OR (language IS NOT NULL AND min_listening IS NOT NULL AND min_speaking IS NOT NULL AND min_reading IS NOT NULL AND min_writing IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE nominee_attendance (
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        participant_index int NOT NULL CONSTRAINT nominee_attendance_index_check CHECK (participant_index >= 0),
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        iteration_id uuid NOT NULL REFERENCES offering_iteration(id) ON DELETE RESTRICT,
        nominee_id uuid REFERENCES nominee(id) ON DELETE SET NULL,
        participant_name text NOT NULL,
        outcome text NOT NULL CONSTRAINT nominee_attendance_outcome_check CHECK (outcome IN ('ATTENDED', 'COMPLETED', 'NO_SHOW')),
        recorded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (request_id, participant_index)
      )`);
    await q.query('CREATE INDEX nominee_attendance_partner_idx ON nominee_attendance (partner_id, recorded_at DESC, request_id, participant_index)');

    const rating = (s: string) => `rating_${s} smallint CONSTRAINT course_survey_${s}_check CHECK (rating_${s} BETWEEN 1 AND 5)`;
    await q.query(`
      CREATE TABLE course_survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL CONSTRAINT course_survey_request_key UNIQUE REFERENCES cooperation_request(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
        iteration_id uuid NOT NULL REFERENCES offering_iteration(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING' CONSTRAINT course_survey_status_check CHECK (status IN ('PENDING', 'SUBMITTED')),
        ${rating('overall')}, ${rating('content')}, ${rating('organisation')}, ${rating('relevance')},
        comments text CONSTRAINT course_survey_comments_check CHECK (length(comments) <= 4000),
        submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        CONSTRAINT course_survey_submitted_check CHECK (
          (status = 'PENDING' AND submitted_at IS NULL)
          OR (status = 'SUBMITTED' AND submitted_at IS NOT NULL AND rating_overall IS NOT NULL AND rating_content IS NOT NULL
              AND rating_organisation IS NOT NULL AND rating_relevance IS NOT NULL))
      )`);
    await q.query('CREATE INDEX course_survey_partner_idx ON course_survey (partner_id, sent_at DESC, id)');
    await q.query('CREATE INDEX course_survey_offering_idx ON course_survey (offering_id, iteration_id) WHERE status = \'SUBMITTED\'');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE course_survey');
    await q.query('DROP TABLE nominee_attendance');
    await q.query('DROP TABLE nominee_requirement');
    await q.query('DROP TABLE nominee');
  }
}
