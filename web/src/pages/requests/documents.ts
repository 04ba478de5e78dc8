import { graphql } from '../../graphql';

export const RequestListFields = graphql(`
  fragment RequestListFields on CooperationRequest @_unmask {
    id reference title status priority overdue offeringKind submittedAt updatedAt createdAt
    acknowledgeDueAt decisionDueAt servicePausedAt seatsRequested seatsAllocated version kindFields
    partner { code name }
    routedSection { code name }
    assignee { id displayName }
    offering { code title }
  }
`);

export const RequestsQuery = graphql(
  `query Requests($first: Int, $after: String, $filter: RequestFilter, $orderBy: RequestOrder) {
    requests(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...RequestListFields } }
    }
  }`,
  [RequestListFields],
);

export const RequestDetailFields = graphql(`
  fragment RequestDetailFields on CooperationRequest @_unmask {
    id reference title status priority overdue offeringKind version
    purpose justification desiredStart desiredEnd seatsRequested seatsAllocated
    submittedAt acknowledgedAt decidedAt acknowledgeDueAt decisionDueAt createdAt updatedAt
    allowedTransitions routingReason
    kindFields kindFieldProblems { path code message }
    releasability
    routingRule { id name }
    partner { code name }
    routedSection { code name acknowledgeTargetDays decideTargetDays }
    assignee { id displayName }
    assignableStaff { id displayName }
    cannedReplies { id title body }
    submitter { id displayName }
    area { code name }
    objective { id title }
    offering { id code title leadTimeDays owningSection { code name } }
    iteration { id startDate endDate location capacity seatsAvailable seatsAllocated applicationDeadline status }
    participants { name rankOrTitle email languageLevel clearance nomineeId }
    comments { id body internal createdAt author { id displayName } }
    attachments { id fileName contentType size personalData internal commentId downloadUrl createdAt uploadedBy { id displayName } }
    timeline {
      id type at actorKind fromStatus toStatus reason internal routingReason commentId
      params { kind seats index expiresAt note accepted waitlisted declined batch meetingDate outcomeEn outcomeFr }
      actor { id displayName }
      section { code name }
      attachment { id fileName }
    }
  }
`);

export const RemoveAttachmentMutation = graphql(`mutation RemoveAttachment($id: ID!, $reason: String) { removeAttachment(id: $id, reason: $reason) { id removedAt } }`);

export const RequestQuery = graphql(`query Request($id: ID!) { request(id: $id) { ...RequestDetailFields } }`, [RequestDetailFields]);

export const SaveDraftMutation = graphql(
  `mutation SaveDraft($input: SaveRequestDraftInput!) { saveRequestDraft(input: $input) { ...RequestDetailFields } }`,
  [RequestDetailFields],
);

export const SubmitRequestMutation = graphql(
  `mutation SubmitRequest($input: SubmitRequestInput!) {
    submitRequest(input: $input) { request { id reference status routedSection { code name } } warnings { code message relatedReference } }
  }`,
);

export const TransitionMutation = graphql(
  `mutation Transition($input: TransitionRequestInput!) { transitionRequest(input: $input) { ...RequestDetailFields } }`,
  [RequestDetailFields],
);
export const WithdrawMutation = graphql(
  `mutation Withdraw($input: WithdrawRequestInput!) { withdrawRequest(input: $input) { ...RequestDetailFields } }`,
  [RequestDetailFields],
);
export const RespondMutation = graphql(
  `mutation Respond($input: RespondToInformationRequestInput!) { respondToInformationRequest(input: $input) { ...RequestDetailFields } }`,
  [RequestDetailFields],
);
export const CommentMutation = graphql(`mutation Comment($input: AddCommentInput!) { addComment(input: $input) { id } }`);
export const AssignMutation = graphql(
  `mutation Assign($id: ID!, $assigneeId: ID, $expectedVersion: Int!) { assignRequest(id: $id, assigneeId: $assigneeId, expectedVersion: $expectedVersion) { ...RequestDetailFields } }`,
  [RequestDetailFields],
);
export const RerouteMutation = graphql(
  `mutation Reroute($id: ID!, $sectionCode: String!, $reason: String!, $expectedVersion: Int!) {
    rerouteRequest(id: $id, sectionCode: $sectionCode, reason: $reason, expectedVersion: $expectedVersion) { ...RequestDetailFields }
  }`,
  [RequestDetailFields],
);

/** One mutation for a bulk assignment: assigned rows carry the request, refused rows their code and message. */
export const AssignManyMutation = graphql(
  `mutation AssignMany($ids: [ID!]!, $assigneeId: ID) { assignRequests(ids: $ids, assigneeId: $assigneeId) { requestId code message request { id version assignee { id displayName } } } }`,
);
/** The colleagues a selected request can go to (the bulk bar's "Assign to…"). */
export const BulkColleaguesQuery = graphql(`query BulkColleagues($id: ID!) { request(id: $id) { id assignableStaff { id displayName } } }`);
