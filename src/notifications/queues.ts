/** pg-boss queue names: here, without Nest imports, so the migrations runner can create the queues too. */
export const MAIL_QUEUE = 'mail.send';
