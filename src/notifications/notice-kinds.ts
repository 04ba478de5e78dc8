/**
 * The kinds of notice a person may be mailed, each with its own preference (IMMEDIATE, DAILY_DIGEST or OFF).
 * They are emitted by code (request-notices.ts and the nominee services), so they are listed here, not seeded;
 * a kind missing here is still mailed at once. The web app names each in en.ts and fr.ts (notices.kind.*).
 */
export const MAIL_NOTICE_KINDS = [
  'STATUS_CHANGED',
  'COMMENT_ADDED',
  'SEAT_OFFERED',
  'SEAT_OFFER_LAPSED',
  'NOMINEES_APPROVED',
  'NOMINEES_REJECTED',
  'SURVEY_REQUESTED',
] as const;

export type MailNoticeKind = (typeof MAIL_NOTICE_KINDS)[number];

export enum MailDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
  OFF = 'OFF',
}
