/** pg-boss queue names: here, without Nest imports, so the migrations runner can create the queues too. */
export const MAIL_QUEUE = 'mail.send';

/** The seat ledger's timer: one job per offer of a freed seat, due when the offer lapses (src/catalogue/seat-offer.worker.ts). */
export const SEAT_OFFER_QUEUE = 'seat-offer.expire';

/** Catalogue imports, one job per import (src/catalogue/catalogue-import.worker.ts). */
export const CATALOGUE_IMPORT_QUEUE = 'catalogue.import';

/** Outbound webhooks: one job per delivery (an event to an endpoint), retried with backoff (src/integrations/webhook-delivery.worker.ts). */
export const WEBHOOK_QUEUE = 'webhook.deliver';

/** The daily mail digest, on a cron schedule (MAIL_DIGEST_CRON; src/notifications/mail-digest.worker.ts). */
export const MAIL_DIGEST_QUEUE = 'mail.digest';

/** Every queue the app uses, created by the migrations runner and at start. */
export const QUEUES = [MAIL_QUEUE, SEAT_OFFER_QUEUE, CATALOGUE_IMPORT_QUEUE, WEBHOOK_QUEUE, MAIL_DIGEST_QUEUE];
