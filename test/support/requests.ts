import { randomUUID } from 'node:crypto';
import { graphql, type VariablesOf } from './graphql.js';
import { adminQuery } from './test-database.js';
import type { TestApp } from './test-app.js';

/** Factories and GraphQL documents for the requests tests. Rows are written with SQL: the catalogue is not under test here. */

export interface OfferingSpec {
  code?: string;
  kind?: string;
  owningSectionCode?: string;
  status?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  leadTimeDays?: number;
  eligibleFrameworkCodes?: string[];
  eligiblePartnerCodes?: string[];
  areaCodes?: string[];
  topicCodes?: string[];
  /** A marking of releasability_marking (NATO UNCLASSIFIED by default) and, for RELEASABLE TO, its partners. */
  releasability?: string;
  releasablePartnerCodes?: string[];
  requiredProgrammeFlags?: string[];
}

export async function makeOffering(t: TestApp, spec: OfferingSpec = {}): Promise<{ id: string; code: string }> {
  const code = spec.code ?? `T-${randomUUID().slice(0, 8).toUpperCase()}`;
  const [row] = await adminQuery<{ id: string }>(
    t.databaseUrl,
    // Every text in English and French, as a published offering has them (bilingual publishing, issue #15).
    `INSERT INTO offering (code, kind, title_en, title_fr, summary_en, summary_fr, description_en, description_fr, owning_section_id, delivery_mode, lead_time_days, status, releasability, required_programme_flags)
     VALUES ($1, $2, $3, $3, 'A test offering.', 'Une offre de test.', 'Written by the test factories.', 'Écrite par les fabriques de test.',
             (SELECT id FROM section WHERE code = $4), 'RESIDENT', $5, $6, $7, $8) RETURNING id`,
    [
      code, spec.kind ?? 'TRAINING_COURSE', `Test offering ${code}`, spec.owningSectionCode ?? 'CTS', spec.leadTimeDays ?? 0, spec.status ?? 'PUBLISHED',
      spec.releasability ?? 'NATO UNCLASSIFIED', spec.requiredProgrammeFlags ?? [],
    ],
  );
  const id = row!.id;
  for (const f of spec.eligibleFrameworkCodes ?? []) {
    await adminQuery(t.databaseUrl, 'INSERT INTO offering_eligible_framework (offering_id, framework_id) SELECT $1, id FROM partnership_framework WHERE code = $2', [id, f]);
  }
  for (const p of spec.eligiblePartnerCodes ?? []) {
    await adminQuery(t.databaseUrl, 'INSERT INTO offering_eligible_partner (offering_id, partner_id) SELECT $1, id FROM partner WHERE code = $2', [id, p]);
  }
  for (const p of spec.releasablePartnerCodes ?? []) {
    await adminQuery(t.databaseUrl, 'INSERT INTO offering_releasable_partner (offering_id, partner_id) SELECT $1, id FROM partner WHERE code = $2', [id, p]);
  }
  for (const a of spec.areaCodes ?? []) {
    await adminQuery(t.databaseUrl, 'INSERT INTO offering_area (offering_id, area_id) SELECT $1, id FROM cooperation_area WHERE code = $2', [id, a]);
  }
  for (const tp of spec.topicCodes ?? []) {
    await adminQuery(t.databaseUrl, 'INSERT INTO offering_topic (offering_id, topic_id) SELECT $1, id FROM topic WHERE code = $2', [id, tp]);
  }
  return { id, code };
}

export interface IterationSpec {
  startInDays?: number;
  capacity?: number | null;
  deadlineInDays?: number | null;
  status?: string;
}

export async function makeIteration(t: TestApp, offeringId: string, spec: IterationSpec = {}): Promise<string> {
  const start = spec.startInDays ?? 120;
  const [row] = await adminQuery<{ id: string }>(
    t.databaseUrl,
    `INSERT INTO offering_iteration (offering_id, start_date, end_date, location, location_fr, capacity, application_deadline, status)
     VALUES ($1, CURRENT_DATE + $2::int, CURRENT_DATE + $2::int + 5, 'Oberammergau', 'Oberammergau', $3, CASE WHEN $4::int IS NULL THEN NULL ELSE CURRENT_DATE + $4::int END, $5) RETURNING id`,
    [offeringId, start, spec.capacity === undefined ? 20 : spec.capacity, spec.deadlineInDays === undefined ? start - 30 : spec.deadlineInDays, spec.status ?? 'OPEN'],
  );
  return row!.id;
}

export const REQUEST_FIELDS = graphql(`fragment RequestFields on CooperationRequest {
  id reference status version title seatsRequested seatsAllocated offeringKind routingReason overdue
  acknowledgeDueAt decisionDueAt submittedAt allowedTransitions
  partner { code } routedSection { code } offering { code } iteration { id } assignee { id displayName } submitter { id }
}`);

export const SUBMIT = graphql(
  `mutation Submit($input: SubmitRequestInput!) {
    submitRequest(input: $input) { request { ...RequestFields } warnings { code message relatedReference } }
  }`,
  [REQUEST_FIELDS],
);

export const TRANSITION = graphql('mutation T($input: TransitionRequestInput!) { transitionRequest(input: $input) { ...RequestFields } }', [REQUEST_FIELDS]);

export const GET = graphql(
  `query Get($id: ID!) { request(id: $id) {
    ...RequestFields
    participants { name rankOrTitle email languageLevel clearance }
    timeline { type fromStatus toStatus reason internal routingReason routingRuleId section { code } actor { id } commentId }
    comments { id body internal author { id } }
  } }`,
  [REQUEST_FIELDS],
);

export const LIST = graphql(
  `query List($first: Int, $after: String, $filter: RequestFilter, $orderBy: RequestOrder) {
    requests(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { ...RequestFields participants { name email } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  [REQUEST_FIELDS],
);

export type SubmitRequestInput = VariablesOf<typeof SUBMIT>['input'];

let nominated = 0;

/**
 * A submission with two nominees. Their emails differ on every call (nino.beridze@…, then nino.beridze.2@…): the
 * same person on two requests for overlapping iterations is a clash that blocks approval (issue #14), and every
 * test iteration starts 120 days out.
 */
export function submitInput(offeringId: string | null, extra: Partial<SubmitRequestInput> = {}): SubmitRequestInput {
  const n = ++nominated === 1 ? '' : `.${nominated}`;
  return {
    offeringId,
    title: 'Counter-terrorism course for two officers',
    purpose: 'Build national CT planning capacity',
    justification: 'Part of the national plan objective CT-3',
    seatsRequested: 2,
    participants: [
      { name: 'Nino Beridze', rankOrTitle: 'MAJ', email: `nino.beridze${n}@mod.example.ge`, languageLevel: '3232', clearance: 'NATO SECRET' },
      { name: 'Giorgi Kapanadze', rankOrTitle: 'CPT', email: `giorgi.k${n}@mod.example.ge`, languageLevel: '3333', clearance: 'NATO RESTRICTED' },
    ],
    ...extra,
  };
}
