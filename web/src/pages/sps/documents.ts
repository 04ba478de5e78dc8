import { graphql } from '../../graphql';

export const RubricQuery = graphql(`query SpsRubric { spsRubric { code label guidance minScore maxScore } }`);

export const MyReviewsQuery = graphql(`query MySpsReviews {
  mySpsReviews { id reference title purpose justification kindFields review { id version submittedAt total comments scores { criterionCode score } } }
}`);

export const SubmitReviewMutation = graphql(`mutation SubmitSpsReview($input: SubmitSpsReviewInput!) {
  submitSpsReview(input: $input) { id version submittedAt total comments scores { criterionCode score } }
}`);

export const SpsApplicationFields = graphql(`
  fragment SpsApplicationFields on SpsApplication @_unmask {
    id
    request { id reference title status version partner { code name } }
    reviewSummary { reviewsAssigned reviewsSubmitted averageTotal }
    batch { id name meetingDate }
    outcome { code label }
    decisionReason
  }
`);

export const SpsApplicationQuery = graphql(
  `query SpsApplication($requestId: ID!) {
    spsApplication(requestId: $requestId) {
      ...SpsApplicationFields
      reviews { id reviewer { id displayName } submittedAt total comments }
    }
    spsReviewerCandidates { id displayName }
  }`,
  [SpsApplicationFields],
);

export const AssignReviewerMutation = graphql(`mutation AssignSpsReviewer($input: AssignSpsReviewerInput!) { assignSpsReviewer(input: $input) { id } }`);

export const CommitteeQuery = graphql(
  `query SpsCommittee {
    spsCommitteeBatches { id name meetingDate applications { ...SpsApplicationFields } }
    spsApplicationsToSchedule { ...SpsApplicationFields }
    spsDecisionOutcomes { code label requestStatus }
  }`,
  [SpsApplicationFields],
);

export const CreateBatchMutation = graphql(`mutation CreateSpsBatch($input: CreateSpsBatchInput!) { createSpsCommitteeBatch(input: $input) { id } }`);
export const AddApplicationsMutation = graphql(`mutation AddSpsApplications($input: AddSpsApplicationsInput!) { addApplicationsToSpsBatch(input: $input) { id } }`);
export const DecideMutation = graphql(`mutation RecordSpsDecision($input: RecordSpsDecisionInput!) { recordSpsDecision(input: $input) { id } }`);
