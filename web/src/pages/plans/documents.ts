import { graphql } from '../../graphql';

// Issue #17: partners' plans, funding and dashboards.

export const ObjectiveFields = graphql(`
  fragment ObjectiveFields on PartnerObjective @_unmask {
    id title ends ways means owner targetDate status version
    partner { code name }
    report { requests seatsRequested seatsUsed completions byStatus { key count } }
  }
`);

export const PlanQuery = graphql(
  `query Plan($partnerCode: String) { partnerObjectives(partnerCode: $partnerCode) { ...ObjectiveFields } }`,
  [ObjectiveFields],
);

export const PlanPartnersQuery = graphql(`query PlanPartners { partners { code name } }`);

export const CreateObjectiveMutation = graphql(
  `mutation CreateObjective($input: CreateObjectiveInput!) { createObjective(input: $input) { ...ObjectiveFields } }`,
  [ObjectiveFields],
);

export const UpdateObjectiveMutation = graphql(
  `mutation UpdateObjective($input: UpdateObjectiveInput!) { updateObjective(input: $input) { ...ObjectiveFields } }`,
  [ObjectiveFields],
);

export const ObjectiveOptionsQuery = graphql(`query ObjectiveOptions($partnerCode: String) { partnerObjectives(partnerCode: $partnerCode) { id title status } }`);

export const DashboardBarFields = graphql(`fragment DashboardBarFields on DashboardBar @_unmask { key label count seatsUsed completions }`);

export const InsightsQuery = graphql(
  `query Insights($filter: RequestFilter, $funding: FundingTotalsFilter) {
    dashboard(filter: $filter) {
      total overdue completions seatsUsed
      byStatus { ...DashboardBarFields }
      byProgramme { ...DashboardBarFields }
      byPartner { ...DashboardBarFields }
      bySection { ...DashboardBarFields }
      byMonth { month submitted decided completed }
      byYear { year requests seatsRequested seatsUsed completions }
      timeToAcknowledge { count medianHours p90Hours }
      timeToDecide { count medianHours p90Hours }
    }
    fundingTotals(filter: $funding) { partnerCode partnerName programme fiscalYear sourceCode currency committed spent lines }
  }`,
  [DashboardBarFields],
);

export const DashboardCsvQuery = graphql(`query DashboardCsv($filter: RequestFilter) { dashboardCsv(filter: $filter) { csv } }`);
export const FundingCsvQuery = graphql(`query FundingCsv($funding: FundingTotalsFilter) { fundingTotalsCsv(filter: $funding) { csv } }`);

export const FundingLineFields = graphql(`
  fragment FundingLineFields on FundingLine @_unmask {
    id sourceCode sourceName fiscalYear currency committed spent overspendReason note version
  }
`);

export const RequestPlanQuery = graphql(
  `query RequestPlan($id: ID!) {
    request(id: $id) {
      id
      partner { code }
      status
      objective { id title status report { requests seatsUsed completions } }
      linkableObjectives { id title status }
      fundingLines { ...FundingLineFields }
    }
    fundingSources { code name requiresName }
  }`,
  [FundingLineFields],
);

export const AddFundingLineMutation = graphql(
  `mutation AddFundingLine($input: AddFundingLineInput!) { addFundingLine(input: $input) { ...FundingLineFields } }`,
  [FundingLineFields],
);

export const RemoveFundingLineMutation = graphql(`mutation RemoveFundingLine($id: ID!) { removeFundingLine(id: $id) }`);

export const UpdateFundingLineMutation = graphql(
  `mutation UpdateFundingLine($input: UpdateFundingLineInput!) { updateFundingLine(input: $input) { ...FundingLineFields } }`,
  [FundingLineFields],
);

export const OfferingFundingQuery = graphql(
  `query OfferingFunding($id: ID!) {
    offering(id: $id) { id fundingLines { ...FundingLineFields } }
    fundingSources { code name requiresName }
  }`,
  [FundingLineFields],
);

export const LinkRequestObjectiveMutation = graphql(
  `mutation LinkRequestObjective($requestId: ID!, $objectiveId: ID) { linkRequestObjective(requestId: $requestId, objectiveId: $objectiveId) { id version objective { id } } }`,
);

export const ArticleFields = graphql(`
  fragment ArticleFields on KnowledgeArticle @_unmask {
    id slug category title body titleEn titleFr bodyEn bodyFr areaCodes offeringKinds published version
  }
`);

export const ArticlesQuery = graphql(
  `query Articles($search: String, $category: KnowledgeCategory, $areaCodes: [String!], $offeringKind: String) {
    knowledgeArticles(search: $search, category: $category, areaCodes: $areaCodes, offeringKind: $offeringKind) { ...ArticleFields }
  }`,
  [ArticleFields],
);

export const ArticleQuery = graphql(`query Article($slug: String!) { knowledgeArticle(slug: $slug) { ...ArticleFields } }`, [ArticleFields]);

export const SaveArticleMutation = graphql(
  `mutation SaveArticle($input: SaveKnowledgeArticleInput!) { saveKnowledgeArticle(input: $input) { ...ArticleFields } }`,
  [ArticleFields],
);

export const SupportOfferFields = graphql(`
  fragment SupportOfferFields on SupportOffer @_unmask {
    id providerKind providerName supportType title description languages availableFrom availableTo status
    area { code name } topics { code name }
    matches { requestReference }
  }
`);

export const SupportOffersQuery = graphql(`query SupportOffers { supportOffers { ...SupportOfferFields } }`, [SupportOfferFields]);

export const CreateSupportOfferMutation = graphql(
  `mutation CreateSupportOffer($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) { ...SupportOfferFields } }`,
  [SupportOfferFields],
);

export const RequestsForOfferQuery = graphql(`query RequestsForOffer($offerId: ID!) {
  requestsForSupportOffer(offerId: $offerId) { request { id reference title partner { code name } } score reasons }
}`);

export const OffersForRequestQuery = graphql(`query OffersForRequest($requestId: ID!) {
  supportOffersForRequest(requestId: $requestId) { offer { id title providerName supportType availableFrom availableTo } score reasons linked }
}`);

export const RequestSupportQuery = graphql(`query RequestSupport($id: ID!) {
  request(id: $id) { id supportMatches { id reasons note offer { title providerName supportType availableFrom availableTo } } }
}`);

export const LinkSupportMatchMutation = graphql(`mutation LinkSupportMatch($input: LinkSupportMatchInput!) { linkSupportMatch(input: $input) { id } }`);
