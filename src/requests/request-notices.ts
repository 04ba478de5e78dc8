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
      fr: `La demande de coopération ${ref} « ${title} » est maintenant : ${status.fr}.${reason ? `\n\nMotif : ${reason}` : ''}`,
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
