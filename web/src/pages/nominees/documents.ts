import { graphql } from '../../graphql';

/** Issue #14 items 5 and 8: the nominee directory, training history, course surveys, checks and attendance. */

export const NomineesQuery = graphql(`
  query Nominees($search: String, $first: Int, $after: String) {
    nominees(search: $search, first: $first, after: $after) {
      totalCount
      edges { node { id name rankOrTitle email clearanceLevel languageProfiles { language slp validated } version } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CreateNomineeMutation = graphql(`
  mutation CreateNominee($input: NomineeInput!) { createNominee(input: $input) { id } }
`);

export const UpdateNomineeMutation = graphql(`
  mutation UpdateNominee($input: UpdateNomineeInput!) { updateNominee(input: $input) { id version } }
`);

export const DeleteNomineeMutation = graphql(`
  mutation DeleteNominee($input: DeleteNomineeInput!) { deleteNominee(input: $input) }
`);

export const TrainingHistoryQuery = graphql(`
  query TrainingHistory($first: Int, $after: String) {
    trainingHistory(first: $first, after: $after) {
      totalCount
      edges { node { requestId requestReference participantIndex participantName outcome recordedAt offering { code title } iteration { startDate endDate location } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CourseSurveysQuery = graphql(`
  query CourseSurveys($status: SurveyStatus, $first: Int) {
    courseSurveys(status: $status, first: $first) {
      totalCount
      edges { node { id status requestId requestReference sentAt submittedAt ratingOverall ratingContent ratingOrganisation ratingRelevance comments offering { code title } iteration { startDate endDate location } } }
    }
  }
`);

export const SubmitSurveyMutation = graphql(`
  mutation SubmitCourseSurvey($input: SubmitCourseSurveyInput!) { submitCourseSurvey(input: $input) { id status } }
`);

export const RequestNomineesQuery = graphql(`
  query RequestNominees($id: ID!) {
    request(id: $id) {
      id status reference
      iteration { startDate endDate }
      nomineeChecks { participantIndex name meetsRequirements shortfalls }
      attendance { participantIndex participantName outcome recordedAt }
    }
  }
`);

export const RecordAttendanceMutation = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!) { recordAttendance(input: $input) { participantIndex outcome } }
`);

export const SurveyResultsQuery = graphql(`
  query SurveyResults($offeringId: ID!, $iterationId: ID) {
    surveyResults(offeringId: $offeringId, iterationId: $iterationId) {
      responses pending averageOverall averageContent averageOrganisation averageRelevance
      comments { partnerCode text submittedAt }
    }
  }
`);

export const CLEARANCE_LEVELS = ['NONE', 'NATO_RESTRICTED', 'NATO_CONFIDENTIAL', 'NATO_SECRET', 'COSMIC_TOP_SECRET'] as const;
export type Clearance = (typeof CLEARANCE_LEVELS)[number];
export const OUTCOMES = ['ATTENDED', 'COMPLETED', 'NO_SHOW'] as const;
export type Outcome = (typeof OUTCOMES)[number];
