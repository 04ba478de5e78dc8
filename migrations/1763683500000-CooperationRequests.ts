import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cooperation requests with their timeline, comments and idempotency keys; ordered routing rules; in-app
 * notifications and the mail outbox. pg-boss creates and migrates its own schema at start.
 */
export class CooperationRequests1763683500000 implements MigrationInterface {
  name = 'CooperationRequests1763683500000';

  async up(q: QueryRunner): Promise<void> {
    const statuses = `'DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'INFORMATION_REQUESTED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'DECLINED', 'WITHDRAWN', 'CANCELLED'`;
    // Gap-tolerant on purpose: a rolled-back submission burns its number, references stay unique.
    await q.query('CREATE SEQUENCE cooperation_request_reference_seq');
    await q.query(`
      CREATE TABLE cooperation_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL CONSTRAINT cooperation_request_reference_key UNIQUE,
        partner_id uuid NOT NULL REFERENCES partner(id) ON DELETE RESTRICT,
        submitter_id uuid NOT NULL REFERENCES app_user(id) ON DELETE RESTRICT,
        offering_id uuid REFERENCES offering(id) ON DELETE RESTRICT,
        iteration_id uuid REFERENCES offering_iteration(id) ON DELETE RESTRICT,
        area_id uuid REFERENCES cooperation_area(id) ON DELETE RESTRICT,
        offering_kind text,
        title text NOT NULL CONSTRAINT cooperation_request_title_check CHECK (length(title) BETWEEN 1 AND 300),
        purpose text,
        justification text,
        desired_start date,
        desired_end date,
        seats_requested int NOT NULL DEFAULT 0 CONSTRAINT cooperation_request_seats_requested_check CHECK (seats_requested >= 0),
        seats_allocated int NOT NULL DEFAULT 0 CONSTRAINT cooperation_request_seats_allocated_check CHECK (seats_allocated >= 0),
        participants jsonb NOT NULL DEFAULT '[]'::jsonb,
        priority text NOT NULL DEFAULT 'NORMAL' CONSTRAINT cooperation_request_priority_check CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'CRITICAL')),
        status text NOT NULL CONSTRAINT cooperation_request_status_check CHECK (status IN (${statuses})),
        routed_section_id uuid REFERENCES section(id) ON DELETE RESTRICT,
        routing_rule_id uuid,
        routing_reason text CONSTRAINT cooperation_request_routing_reason_check CHECK (routing_reason IN ('RULE', 'OWNING_SECTION', 'DEFAULT_SECTION', 'MANUAL')),
        assignee_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        version int NOT NULL DEFAULT 1,
        submitted_at timestamptz,
        acknowledged_at timestamptz,
        decided_at timestamptz,
        acknowledge_due_at timestamptz,
        decision_due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cooperation_request_iteration_needs_offering CHECK (iteration_id IS NULL OR offering_id IS NOT NULL),
        CONSTRAINT cooperation_request_period_check CHECK (desired_end IS NULL OR desired_start IS NULL OR desired_end >= desired_start),
        -- A submitted request is routed to exactly one section and asks for an offering or an area; one never
        -- submitted is a draft, or a draft withdrawn.
        CONSTRAINT cooperation_request_routed_check CHECK (
          (submitted_at IS NULL AND status IN ('DRAFT', 'WITHDRAWN')) OR (submitted_at IS NOT NULL AND status <> 'DRAFT' AND routed_section_id IS NOT NULL)),
        CONSTRAINT cooperation_request_subject_check CHECK (submitted_at IS NULL OR offering_id IS NOT NULL OR area_id IS NOT NULL)
      )`);
    await q.query('CREATE INDEX cooperation_request_partner_idx ON cooperation_request (partner_id, created_at, id)');
    await q.query('CREATE INDEX cooperation_request_section_idx ON cooperation_request (routed_section_id, status, created_at)');
    await q.query('CREATE INDEX cooperation_request_created_idx ON cooperation_request (created_at, id)');
    await q.query('CREATE INDEX cooperation_request_iteration_idx ON cooperation_request (iteration_id) WHERE iteration_id IS NOT NULL');
    await q.query('CREATE INDEX cooperation_request_assignee_idx ON cooperation_request (assignee_id) WHERE assignee_id IS NOT NULL');
    await q.query('CREATE INDEX cooperation_request_title_trgm_idx ON cooperation_request USING gin (lower(title) gin_trgm_ops)');

    // Same caller + same key → same request; the hash tells a retry from a different payload.
    await q.query(`
      CREATE TABLE request_submission_key (
        actor_id text NOT NULL,
        idempotency_key text NOT NULL CONSTRAINT request_submission_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, idempotency_key)
      )`);

    await q.query(`
      CREATE TABLE request_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        body text NOT NULL CONSTRAINT request_comment_body_check CHECK (length(body) BETWEEN 1 AND 10000),
        internal boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX request_comment_request_idx ON request_comment (request_id, created_at, id)');

    await q.query(`
      CREATE TABLE request_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES cooperation_request(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        type text NOT NULL CONSTRAINT request_event_type_check CHECK (type IN (
          'CREATED', 'UPDATED', 'SUBMITTED', 'ROUTED', 'REROUTED', 'STATUS_CHANGED', 'ASSIGNED', 'COMMENTED', 'SEATS_ALLOCATED', 'SEATS_RELEASED')),
        actor_id uuid,
        actor_kind text NOT NULL,
        from_status text,
        to_status text,
        section_id uuid REFERENCES section(id) ON DELETE SET NULL,
        routing_rule_id uuid,
        routing_reason text,
        comment_id uuid REFERENCES request_comment(id) ON DELETE SET NULL,
        reason text,
        internal boolean NOT NULL DEFAULT false
      )`);
    await q.query('CREATE INDEX request_event_request_idx ON request_event (request_id, id)');

    await q.query(`
      CREATE TABLE routing_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position int NOT NULL,
        name text NOT NULL CONSTRAINT routing_rule_name_check CHECK (length(name) BETWEEN 1 AND 200),
        offering_id uuid REFERENCES offering(id) ON DELETE CASCADE,
        offering_kind text,
        area_id uuid REFERENCES cooperation_area(id) ON DELETE CASCADE,
        topic_id uuid REFERENCES topic(id) ON DELETE CASCADE,
        partner_id uuid REFERENCES partner(id) ON DELETE CASCADE,
        framework_id uuid REFERENCES partnership_framework(id) ON DELETE CASCADE,
        target_section_id uuid NOT NULL REFERENCES section(id) ON DELETE RESTRICT,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- Deferred so a reorder can permute positions inside one transaction.
        CONSTRAINT routing_rule_position_key UNIQUE (position) DEFERRABLE INITIALLY DEFERRED
      )`);

    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        request_id uuid REFERENCES cooperation_request(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz
      )`);
    await q.query('CREATE INDEX notification_recipient_idx ON notification (recipient_id, created_at DESC, id)');

    // The mail outbox: written in the transaction of the change; a worker delivers each row once.
    await q.query(`
      CREATE TABLE mail_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid REFERENCES cooperation_request(id) ON DELETE SET NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CONSTRAINT mail_message_status_check CHECK (status IN ('PENDING', 'SENT', 'RECORDED', 'FAILED')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX mail_message_pending_idx ON mail_message (created_at) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE mail_message');
    await q.query('DROP TABLE notification');
    await q.query('DROP TABLE routing_rule');
    await q.query('DROP TABLE request_event');
    await q.query('DROP TABLE request_comment');
    await q.query('DROP TABLE request_submission_key');
    await q.query('DROP TABLE cooperation_request');
    await q.query('DROP SEQUENCE cooperation_request_reference_seq');
  }
}
