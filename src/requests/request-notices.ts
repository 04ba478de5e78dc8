import type { Bilingual, Notice } from '../notifications/notification-outbox.service.js';
import { RequestStatus } from './request.enums.js';

/** What a notice needs of the request it is about. */
export interface NoticeRequest {
  id: string;
  reference: string;
  title: string;
}

/** Status names as people read them (the web app's French labels, lower case inside a sentence). */
const STATUS: Record<RequestStatus, Bilingual> = {
  [RequestStatus.DRAFT]: { en: 'draft', fr: 'brouillon' },
  [RequestStatus.SUBMITTED]: { en: 'submitted', fr: 'soumise' },
  [RequestStatus.UNDER_REVIEW]: { en: 'under review', fr: "en cours d'examen" },
  [RequestStatus.INFORMATION_REQUESTED]: { en: 'information requested', fr: 'informations demandées' },
  [RequestStatus.APPROVED]: { en: 'approved', fr: 'approuvée' },
  [RequestStatus.SCHEDULED]: { en: 'scheduled', fr: 'programmée' },
  [RequestStatus.COMPLETED]: { en: 'completed', fr: 'terminée' },
  [RequestStatus.DECLINED]: { en: 'declined', fr: 'refusée' },
  [RequestStatus.WITHDRAWN]: { en: 'withdrawn', fr: 'retirée' },
  [RequestStatus.CANCELLED]: { en: 'cancelled', fr: 'annulée' },
};

/** What the French sentence says happened: the past participle agrees with « la demande », and a state that
 * is not a participle ("brouillon", "informations demandées") needs its own verb. */
const FR_PREDICATE: Record<RequestStatus, string> = {
  [RequestStatus.DRAFT]: 'est redevenue un brouillon',
  [RequestStatus.SUBMITTED]: 'a été soumise',
  [RequestStatus.UNDER_REVIEW]: "est en cours d'examen",
  [RequestStatus.INFORMATION_REQUESTED]: 'attend des informations de votre part',
  [RequestStatus.APPROVED]: 'a été approuvée',
  [RequestStatus.SCHEDULED]: 'a été programmée',
  [RequestStatus.COMPLETED]: 'est terminée',
  [RequestStatus.DECLINED]: 'a été refusée',
  [RequestStatus.WITHDRAWN]: 'a été retirée',
  [RequestStatus.CANCELLED]: 'a été annulée',
};

const PORTAL: Bilingual = { en: 'the Partner Cooperation Portal', fr: 'le Portail de coopération avec les partenaires' };

/** A request arrived in a section: submitted, or rerouted there. */
export function arrivalNotice(request: NoticeRequest, rerouted: boolean): Notice {
  const { reference: ref, title } = request;
  const what: Bilingual = rerouted ? { en: 'rerouted to your section', fr: 'réorientée vers votre section' } : { en: 'submitted', fr: 'soumise' };
  return {
    kind: rerouted ? 'REQUEST_ROUTED' : 'REQUEST_SUBMITTED',
    requestId: request.id,
    reference: ref,
    title: { en: `New request ${what.en}: ${title}`, fr: `Nouvelle demande ${what.fr} : ${title}` },
    body: {
      en: `Cooperation request ${ref} "${title}" was ${what.en}. Open it in ${PORTAL.en} to acknowledge it.`,
      fr: `La demande de coopération ${ref} « ${title} » a été ${what.fr}. Ouvrez-la dans ${PORTAL.fr} pour en accuser réception.`,
    },
  };
}

/** A request moved to another status; `reason` is the one given with it, if any. */
export function statusNotice(request: NoticeRequest, to: RequestStatus, reason: string | null | undefined): Notice {
  const { reference: ref, title } = request;
  const status = STATUS[to];
  return {
    kind: 'STATUS_CHANGED',
    requestId: request.id,
    reference: ref,
    title: { en: `Status: ${status.en}`, fr: `Statut : ${status.fr}` },
    body: {
      en: `Cooperation request ${ref} "${title}" is now ${status.en}.${reason ? `\n\nReason: ${reason}` : ''}`,
      fr: `La demande de coopération ${ref} « ${title} » ${FR_PREDICATE[to]}.${reason ? `\n\nMotif : ${reason}` : ''}`,
    },
  };
}

/** A comment was posted that the recipient may read (never an internal note). */
export function commentNotice(request: NoticeRequest): Notice {
  const { reference: ref, title } = request;
  return {
    kind: 'COMMENT_ADDED',
    requestId: request.id,
    reference: ref,
    title: { en: `New comment on "${title}"`, fr: `Nouveau commentaire sur « ${title} »` },
    body: {
      en: `A new comment was posted on cooperation request ${ref}. Open it in ${PORTAL.en} to read and answer it.`,
      fr: `Un nouveau commentaire a été publié sur la demande de coopération ${ref}. Ouvrez-la dans ${PORTAL.fr} pour le lire et y répondre.`,
    },
  };
}

/** A freed seat is offered to a waitlisted nominee (by their place in the list), to confirm before `expiresAt`. */
export function seatOfferedNotice(request: NoticeRequest, index: number, expiresAt: Date): Notice {
  const { reference: ref, title } = request;
  const by = expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return {
    kind: 'SEAT_OFFERED',
    requestId: request.id,
    reference: ref,
    title: { en: `A seat is offered: ${title}`, fr: `Une place est proposée : ${title}` },
    body: {
      en: `A seat came free on the iteration of cooperation request ${ref} "${title}" and is offered to nominee ${index + 1}. Confirm it in ${PORTAL.en} by ${by}, or it passes to the next nominee on the waiting list.`,
      fr: `Une place s'est libérée dans la session de la demande de coopération ${ref} « ${title} » et est proposée au candidat ${index + 1}. Confirmez-la dans ${PORTAL.fr} avant le ${by}, sinon elle passera au candidat suivant de la liste d'attente.`,
    },
  };
}

/** An offer was not confirmed in time. */
export function seatLapsedNotice(request: NoticeRequest, index: number): Notice {
  const { reference: ref, title } = request;
  return {
    kind: 'SEAT_OFFER_LAPSED',
    requestId: request.id,
    reference: ref,
    title: { en: `Seat offer lapsed: ${title}`, fr: `Offre de place expirée : ${title}` },
    body: {
      en: `The seat offered to nominee ${index + 1} of cooperation request ${ref} "${title}" was not confirmed in time and has passed to the next nominee on the waiting list.`,
      fr: `La place proposée au candidat ${index + 1} de la demande de coopération ${ref} « ${title} » n'a pas été confirmée à temps et est passée au candidat suivant de la liste d'attente.`,
    },
  };
}
