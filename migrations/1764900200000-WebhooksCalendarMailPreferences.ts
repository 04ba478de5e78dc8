import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #16, items 1, 2 and 5. Outbound webhooks: endpoints (scoped like API keys), the event outbox written with
 * the change, one delivery row per endpoint and event (unique: an event reaches an endpoint once), and the attempt
 * log. Calendar feeds: a revocable token per user (only its SHA-256 is kept) and the offerings a user follows.
 * Mail: each user's language and, per kind of notice, IMMEDIATE, DAILY_DIGEST or OFF; digest items wait in
 * mail_digest_item until the daily job mails them.
 */
export class WebhooksCalendarMailPreferences1764900200000 implements MigrationInterface {
  name = 'WebhooksCalendarMailPreferences1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE webhook_endpoint (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      url text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('GLOBAL', 'PARTNER', 'SECTION')),
      partner_id uuid REFERENCES partner(id),
      section_id uuid REFERENCES section(id),
      event_types text[] NOT NULL,
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      active boolean NOT NULL DEFAULT true,
      consecutive_failures int NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      disabled_reason text,
      created_by_id uuid REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'PARTNER') = (partner_id IS NOT NULL)),
      CHECK ((scope = 'SECTION') = (section_id IS NOT NULL)),
      CHECK (cardinality(event_types) > 0)
    )`);
    await q.query(`CREATE TABLE webhook_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      partner_id uuid,
      section_id uuid,
      partner_visible boolean NOT NULL,
      payload jsonb NOT NULL
    )`);
    await q.query(`CREATE TABLE webhook_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES webhook_event(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED')),
      attempts int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (endpoint_id, event_id)
    )`);
    await q.query(`CREATE TABLE webhook_attempt (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      delivery_id uuid NOT NULL REFERENCES webhook_delivery(id) ON DELETE CASCADE,
      endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id) ON DELETE CASCADE,
      attempt int NOT NULL,
      -- Milliseconds, as a JavaScript Date holds them: the log's keyset cursor carries this value.
      at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
      status_code int,
      duration_ms int NOT NULL,
      error text,
      succeeded boolean NOT NULL
    )`);
    await q.query('CREATE INDEX webhook_attempt_endpoint_idx ON webhook_attempt (endpoint_id, at DESC, id)');
    await q.query('CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id)');

    await q.query(`CREATE TABLE calendar_feed (
      user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE offering_follow (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      offering_id uuid NOT NULL REFERENCES offering(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, offering_id)
    )`);

    await q.query(`ALTER TABLE app_user ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'))`);
    await q.query(`CREATE TABLE notification_preference (
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      kind text NOT NULL,
      delivery text NOT NULL CHECK (delivery IN ('IMMEDIATE', 'DAILY_DIGEST', 'OFF')),
      PRIMARY KEY (user_id, kind)
    )`);
    await q.query(`CREATE TABLE mail_digest_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
      request_id uuid,
      kind text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query('CREATE INDEX mail_digest_item_user_idx ON mail_digest_item (user_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mail_digest_item', 'notification_preference', 'offering_follow', 'calendar_feed', 'webhook_attempt', 'webhook_delivery', 'webhook_event', 'webhook_endpoint']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('ALTER TABLE app_user DROP COLUMN language');
  }
}
