import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #18: canned replies for the triage console, as data. A reply belongs to one section (section_id) or, with
 * no section, to every section; the defaults below are the common ones, written in both languages. Sections add
 * their own rows (by SQL or a later administration screen); nothing in the code lists them.
 */
export class CannedReplies1764900500100 implements MigrationInterface {
  name = 'CannedReplies1764900500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE canned_reply (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        section_id uuid REFERENCES section(id) ON DELETE CASCADE,
        position int NOT NULL DEFAULT 0,
        title_en text NOT NULL,
        title_fr text NOT NULL,
        body_en text NOT NULL,
        body_fr text NOT NULL
      )`);
    await q.query('CREATE INDEX canned_reply_section_idx ON canned_reply (section_id, position)');
    await q.query(`
      INSERT INTO canned_reply (position, title_en, title_fr, body_en, body_fr) VALUES
        (1, 'Nominee details missing', 'Informations manquantes sur les candidats',
         'Please give each nominee''s rank, email address, language profile (STANAG 6001) and security clearance, so that we can check them against the course requirements.',
         'Merci d''indiquer pour chaque candidat son grade, son adresse électronique, son profil linguistique (STANAG 6001) et son habilitation de sécurité, afin que nous puissions les comparer aux exigences du cours.'),
        (2, 'Purpose needs more detail', 'Objectif à préciser',
         'Please describe in more detail what the training should achieve and how it fits your national plan, so that we can decide on the request.',
         'Merci de préciser ce que la formation doit permettre et comment elle s''inscrit dans votre plan national, afin que nous puissions statuer sur la demande.'),
        (3, 'Received, under review', 'Reçue, en cours d''examen',
         'Thank you: we have received your request and are reviewing it. We will come back to you before the decision date shown on the request.',
         'Merci : nous avons bien reçu votre demande et l''examinons. Nous reviendrons vers vous avant la date de décision indiquée sur la demande.'),
        (4, 'No seats left on this iteration', 'Plus de place dans cette session',
         'There are no seats left on this iteration. We can place your nominees on the waiting list or move the request to a later iteration: please tell us which you prefer.',
         'Il ne reste plus de place dans cette session. Nous pouvons inscrire vos candidats sur la liste d''attente ou reporter la demande sur une session ultérieure : dites-nous ce que vous préférez.')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE canned_reply');
  }
}
