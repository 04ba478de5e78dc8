/**
 * What a caller may do. Roles and API-key scopes map to sets of these (see identity/); resolvers declare
 * the permissions they need with @Allow, and row-level scope (which partner, which sections) is applied
 * by each context's access helper on top.
 */
export enum Permission {
  /** Any authenticated caller (user or API key). */
  Authenticated = 'Authenticated',
  ReadCatalogue = 'ReadCatalogue',
  ManageCatalogue = 'ManageCatalogue',
  ManageReferenceData = 'ManageReferenceData',
  ManageUsers = 'ManageUsers',
  ManageApiKeys = 'ManageApiKeys',
  ManageRoutingRules = 'ManageRoutingRules',
  SubmitRequests = 'SubmitRequests',
  ReadRequests = 'ReadRequests',
  TriageRequests = 'TriageRequests',
  CommentOnRequests = 'CommentOnRequests',
  ReadStatistics = 'ReadStatistics',
  /** Read a request's participants through an audited action with a reason (revealParticipants). */
  RevealParticipants = 'RevealParticipants',
  /** Read and export the audit trail (every read is recorded). */
  ReadAuditTrail = 'ReadAuditTrail',
}
