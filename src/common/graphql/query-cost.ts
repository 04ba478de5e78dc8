import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/page-size.js';

/**
 * Sizes measured on the database (see ListSizes): how long the unpaginated lists of reference rows can be
 * today. A list of distinct rows of a table can never be longer than the table.
 */
export interface MeasuredSizes {
  sections: number;
  /** The most children any one section has. */
  sectionChildren: number;
  partners: number;
  frameworks: number;
  areas: number;
  topics: number;
  routingRules: number;
  /** The most sections / covered partners any one account has. */
  userSections: number;
  userCoveredPartners: number;
}

/** Until the first measurement (or when it fails): sizes well above the seed data, so nothing slips through. */
export const UNMEASURED_SIZES: MeasuredSizes = {
  sections: 500,
  sectionChildren: 100,
  partners: 200,
  frameworks: 20,
  areas: 50,
  topics: 100,
  routingRules: 500,
  userSections: 50,
  userCoveredPartners: 50,
};

/**
 * The longest each unpaginated list field can be: a number declared here, a measured size, or the number of
 * values of an enum (`enum:Name`, a count per value). Lists of
 * enum values need no entry (at most every value of the enum); connection `edges` are sized by the page
 * (`first`/`last`). A list field missing from this table counts as UNDECLARED_LIST_SIZE, and a unit test
 * fails for any list of the schema that is neither here nor sized otherwise, so a new list declares its size.
 */
export const LIST_SIZES: Readonly<Record<string, number | keyof MeasuredSizes | `enum:${string}`>> = {
  'Query.apiKeys': 500,
  'Query.mySessions': 50,
  'SecondFactorRecoveryCodes.recoveryCodes': 10,
  'Mutation.reorderRoutingRules': 'routingRules',
  'Query.cooperationAreas': 'areas',
  'Query.partners': 'partners',
  'Query.partnershipFrameworks': 'frameworks',
  'Query.routingRules': 'routingRules',
  'Query.sections': 'sections',
  'Query.topics': 'topics',
  'Section.children': 'sectionChildren',
  'Partner.frameworks': 'frameworks',
  'Partner.programmeFlags': 20,
  'Offering.areas': 'areas',
  'Offering.topics': 'topics',
  'Offering.eligiblePartners': 'partners',
  'Offering.eligibleFrameworks': 'frameworks',
  'Offering.deliveryLanguages': 10,
  // Iterations, comments, events and participants have no hard cap (participants up to 200 per request):
  // these are typical sizes, so a list page asking for them stays acceptable, and the execution cap
  // (GRAPHQL_MAX_RESPONSE_OBJECTS) stops a response that outgrows its estimate.
  'Offering.iterations': 10,
  'OfferingFacets.areas': 'areas',
  'OfferingFacets.topics': 'topics',
  'OfferingFacets.sections': 'sections',
  // One count per value of the enum.
  'OfferingFacets.kinds': 'enum:OfferingKind',
  'OfferingFacets.deliveryModes': 'enum:DeliveryMode',
  'RequestStatistics.byKind': 'enum:OfferingKind',
  'RequestStatistics.byStatus': 'enum:RequestStatus',
  'CooperationRequest.comments': 20,
  'CooperationRequest.timeline': 20,
  'CooperationRequest.participants': 10,
  'Mutation.revealParticipants': 10,
  // One per participant (issue #14); a seat board lists the partners with seats or waiting nominees and the line.
  'CooperationRequest.nominations': 10,
  'SeatBoard.perPartner': 'partners',
  'SeatBoard.line': 50,
  'CooperationRequest.substitutions': 5,
  'RequestStatistics.byPartner': 'partners',
  'RequestStatistics.bySection': 'sections',
  'SubmitRequestPayload.warnings': 10,
  'ServerInfo.languages': 10,
  // Issue #14 items 5 and 8 (nominees): per nominee of a request, like participants; profiles per person.
  'CooperationRequest.nomineeChecks': 10,
  'CooperationRequest.attendance': 10,
  'Mutation.recordAttendance': 10,
  'NomineeCheck.shortfalls': 2,
  'Nominee.languageProfiles': 10,
  'RequestParticipant.languageProfiles': 10,
  'SurveyResults.comments': 100,
  // Issue #17: a partner's plan (at most 200 objectives per list), reports and dashboards (one bar per key), funding.
  'Query.partnerObjectives': 200,
  'ObjectiveReport.byStatus': 'enum:RequestStatus',
  'Dashboard.byStatus': 'enum:RequestStatus',
  // Every offering kind and OPEN_REQUEST.
  'Dashboard.byProgramme': 12,
  'Dashboard.byPartner': 'partners',
  'Dashboard.bySection': 'sections',
  'Dashboard.byMonth': 120,
  'Dashboard.byYear': 20,
  'Query.fundingSources': 20,
  'Query.fundingTotals': 2000,
  'CooperationRequest.fundingLines': 10,
  'CooperationRequest.linkableObjectives': 200,
  'Offering.fundingLines': 10,
  'Query.knowledgeArticles': 50,
  'Query.supportOffers': 100,
  'Query.supportOffersForRequest': 20,
  'Query.requestsForSupportOffer': 20,
  'SupportOffer.languages': 10,
  'SupportOffer.topics': 'topics',
  'SupportOffer.matches': 10,
  // Issue #15: programme flags and releasability markings are short controlled lists; release lists are partners/frameworks.
  'Query.programmeFlags': 20,
  'Query.releasabilityMarkings': 20,
  'Offering.requiredProgrammeFlags': 20,
  'Offering.releasableToPartners': 'partners',
  'Offering.releasableToFrameworks': 'frameworks',
  // Issue #16: attachments are capped per request (ATTACHMENT_MAX_PER_REQUEST, 20); an import's row errors are sized like a page (the response cap stops a larger answer).
  'CooperationRequest.attachments': 20,
  'RequestComment.attachments': 20,
  'CatalogueImport.errors': 100,
  // One preference per kind of notice.
  'Query.mailPreferences': 20,
  'Mutation.setMailPreference': 20,
  // Issue #18: a section's staff and coordinators, its canned replies, a person's saved views.
  'CooperationRequest.assignableStaff': 100,
  'CooperationRequest.cannedReplies': 50,
  'Query.savedViews': 50,
  'Mutation.assignRequests': 100,
  // Every section's replies and a few per section: an administrator's whole list.
  'Query.cannedReplies': 500,
  'SupportMatch.reasons': 'enum:MatchReason',
  'OfferCandidate.reasons': 'enum:MatchReason',
  'RequestCandidate.reasons': 'enum:MatchReason',
  'CooperationRequest.supportMatches': 10,
  'KnowledgeArticle.areaCodes': 'areas',
  'KnowledgeArticle.offeringKinds': 'enum:OfferingKind',
  'User.sections': 'userSections',
  'User.coveredPartners': 'userCoveredPartners',
  'Viewer.sections': 'userSections',
  'Viewer.coveredPartners': 'userCoveredPartners',
  // Issue #15 (request fields, SPS review): the services cap the SPS lists at these sizes; a batch holds a
  // committee round's applications (tens), an application a few reviews (typically two or three: a typical size,
  // like comments; the execution cap stops an outgrown response), the rubric a handful of criteria.
  'Query.alliedNations': 50,
  'Query.requestFieldSchemas': 50,
  'CooperationRequest.kindFieldProblems': 50,
  'Query.spsRubric': 20,
  'Query.spsDecisionOutcomes': 10,
  'Query.spsReviewerCandidates': 500,
  'Query.mySpsReviews': 50,
  'SpsReview.scores': 20,
  'SpsApplication.reviews': 5,
  'Query.spsApplicationsToSchedule': 100,
  'Query.spsCommitteeBatches': 10,
  'SpsCommitteeBatch.applications': 40,
};

/** A list field nobody declared a size for (test probes): counted as a full page. */
export const UNDECLARED_LIST_SIZE = MAX_PAGE_SIZE;

const PAGE_ARGUMENTS = new Set(['first', 'last']);
/** The lists of a connection, sized by the page argument of the field that returned the connection. */
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

/** How many items a list can hold: fixed, measured, or the value of a page argument. */
type Size = { fixed: number } | { measured: keyof MeasuredSizes } | { variable: string };

/** One field of the document: `size` values, each returning one object plus `children`. */
interface CostTerm {
  size: Size;
  /** Leaves (scalars, enums) cost nothing, but a list of them costs its length. */
  composite: boolean;
  children: CostTerm[];
}

const ONE: Size = { fixed: 1 };

/**
 * Compiles each operation of the document into terms once per document (Mercurius reuses the parsed document
 * of a repeated query); evaluating them with the variables and measured sizes is a short walk per request.
 */
const compiled = new WeakMap<DocumentNode, CostTerm[][]>();

export function compileCost(schema: GraphQLSchema, document: DocumentNode): CostTerm[][] {
  let operations = compiled.get(document);
  if (!operations) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    operations = [];
    for (const definition of document.definitions) {
      const root = definition.kind === Kind.OPERATION_DEFINITION ? schema.getRootType(definition.operation) : undefined;
      if (root && definition.kind === Kind.OPERATION_DEFINITION) operations.push(compileSelections(schema, fragments, root, definition.selectionSet, undefined, new Set()));
    }
    compiled.set(document, operations);
  }
  return operations;
}

function compileSelections(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  pageSize: Size | undefined,
  spreading: Set<string>,
): CostTerm[] {
  const terms: CostTerm[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const term = compileField(schema, fragments, parent, selection, pageSize, spreading);
      if (term) terms.push(term);
      continue;
    }
    // Fragments count as if their fields were written in place (every type condition, the worst case).
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && spreading.has(selection.name.value))) continue;
    const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
    if (!condition || !isCompositeType(condition)) continue;
    const inner = selection.kind === Kind.FRAGMENT_SPREAD ? new Set(spreading).add(selection.name.value) : spreading;
    terms.push(...compileSelections(schema, fragments, condition, fragment.selectionSet, pageSize, inner));
  }
  return terms;
}

function compileField(
  schema: GraphQLSchema,
  fragments: Map<string, FragmentDefinitionNode>,
  parent: GraphQLCompositeType,
  node: FieldNode,
  pageSize: Size | undefined,
  spreading: Set<string>,
): CostTerm | undefined {
  if (node.name.value.startsWith('__') || !('getFields' in parent)) return undefined;
  const field = parent.getFields()[node.name.value] as GraphQLField<unknown, unknown> | undefined;
  if (!field) return undefined;
  const page = pageArgument(node, field);
  const type = getNullableType(field.type);
  const named = getNamedType(field.type);
  let size: Size = ONE;
  if (isListType(type)) {
    const declared = LIST_SIZES[`${parent.name}.${field.name}`];
    if (page) size = page;
    else if (pageSize && CONNECTION_LISTS.has(field.name)) size = pageSize;
    else if (typeof declared === 'number') size = { fixed: declared };
    else if (declared?.startsWith('enum:')) size = { fixed: enumSize(schema, declared.slice(5)) };
    else if (declared) size = { measured: declared as keyof MeasuredSizes };
    else if (isEnumType(named)) size = { fixed: named.getValues().length };
    else size = { fixed: UNDECLARED_LIST_SIZE };
  }
  const composite = isCompositeType(named);
  // A page argument on a field returning a connection sizes that connection's edges.
  const childPage = page && !isListType(type) ? page : undefined;
  const children = composite && node.selectionSet ? compileSelections(schema, fragments, named, node.selectionSet, childPage, spreading) : [];
  return { size, composite, children };
}

function enumSize(schema: GraphQLSchema, name: string): number {
  const type = schema.getType(name);
  return isEnumType(type) ? type.getValues().length : UNDECLARED_LIST_SIZE;
}

function pageArgument(node: FieldNode, field: GraphQLField<unknown, unknown>): Size | undefined {
  if (!field.args.some((a) => PAGE_ARGUMENTS.has(a.name))) return undefined;
  for (const argument of node.arguments ?? []) {
    if (!PAGE_ARGUMENTS.has(argument.name.value)) continue;
    if (argument.value.kind === Kind.INT) return { fixed: Number(argument.value.value) };
    if (argument.value.kind === Kind.VARIABLE) return { variable: argument.value.name.value };
  }
  // A paginated field asked without first/last answers its default page.
  return { fixed: DEFAULT_PAGE_SIZE };
}

/** The number of objects (and items of leaf lists) the operation can return at most. */
export function evaluateCost(terms: CostTerm[], variables: Record<string, unknown> | undefined, sizes: MeasuredSizes): number {
  let total = 0;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const n = sizeOf(term.size, variables, sizes);
    if (n === 0) continue;
    total += term.composite ? n * (1 + evaluateCost(term.children, variables, sizes)) : term.size === ONE ? 0 : n;
  }
  return total;
}

function sizeOf(size: Size, variables: Record<string, unknown> | undefined, sizes: MeasuredSizes): number {
  if ('fixed' in size) return size.fixed;
  if ('measured' in size) return sizes[size.measured];
  const value = variables?.[size.variable];
  // An absent page variable means the default page; a bad one is refused elsewhere, so count the maximum.
  return value === undefined || value === null ? DEFAULT_PAGE_SIZE : typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : MAX_PAGE_SIZE;
}

export function costMessage(cost: number, limit: number): string {
  const about = cost >= 1e9 ? 'over a billion' : cost >= 1000 ? `about ${roughly(cost).toLocaleString('en-US')}` : String(cost);
  return `Query cost limit exceeded: this query could return ${about} objects (its cost); the limit is ${limit.toLocaleString('en-US')}. Ask for fewer levels or lists, or page with first/after.`;
}

/** Two significant digits: the estimate is an upper bound, not a count. */
function roughly(n: number): number {
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / magnitude) * magnitude;
}

/** The most objects any operation of the document can return (the hook does not know which one will run). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, sizes: MeasuredSizes): number {
  const operations = compileCost(schema, document);
  let cost = 0;
  for (let i = 0; i < operations.length; i++) cost = Math.max(cost, evaluateCost(operations[i]!, variables, sizes));
  return cost;
}

/** Refuses a document that could return more than `limit` objects, before any resolver runs. */
export function assertQueryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, sizes: MeasuredSizes, limit: number): void {
  const cost = queryCost(schema, document, variables, sizes);
  if (cost > limit) throw new DomainError(ErrorCode.BAD_USER_INPUT, costMessage(cost, limit), { cost: Math.round(Math.min(cost, Number.MAX_SAFE_INTEGER)), limit });
}
