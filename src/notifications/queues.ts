/** pg-boss queue names: here, without Nest imports, so the migrations runner can create the queues too. */
export const MAIL_QUEUE = 'mail.send';

/** The seat ledger's timer: one job per offer of a freed seat, due when the offer lapses (src/catalogue/seat-offer.worker.ts). */
export const SEAT_OFFER_QUEUE = 'seat-offer.expire';

/** Catalogue imports, one job per import (src/catalogue/catalogue-import.worker.ts). */
export const CATALOGUE_IMPORT_QUEUE = 'catalogue.import';

/** Every queue the app uses, created by the migrations runner and at start. */
export const QUEUES = [MAIL_QUEUE, SEAT_OFFER_QUEUE, CATALOGUE_IMPORT_QUEUE];
