import { Permission } from './permission.js';
import { ApiKeyScope, Role } from './role.js';

/**
 * The one table of who may do what. Roles and API-key scopes grant permissions; which rows a permission
 * reaches (this partner, these sections) is decided by each context's access helper from the actor.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.PARTNER_LIAISON]: [
    Permission.Authenticated,
    Permission.ReadCatalogue,
    Permission.SubmitRequests,
    Permission.ReadRequests,
    Permission.CommentOnRequests,
  ],
  [Role.SECTION_STAFF]: [
    Permission.Authenticated,
    Permission.ReadCatalogue,
    Permission.ReadRequests,
    Permission.TriageRequests,
    Permission.CommentOnRequests,
    Permission.ReadStatistics,
  ],
  [Role.COORDINATOR]: [
    Permission.Authenticated,
    Permission.ReadCatalogue,
    Permission.ReadRequests,
    Permission.TriageRequests,
    Permission.CommentOnRequests,
    Permission.ReadStatistics,
  ],
  // Administrators own the platform; they neither submit nor triage requests (no partner, no section).
  [Role.ADMIN]: [
    Permission.Authenticated,
    Permission.ReadCatalogue,
    Permission.ManageCatalogue,
    Permission.ManageReferenceData,
    Permission.ManageUsers,
    Permission.ManageApiKeys,
    Permission.ManageRoutingRules,
    Permission.ReadRequests,
    Permission.ReadStatistics,
    // Participants' personal data is not theirs by default: each read is an audited action with a reason.
    Permission.RevealParticipants,
    Permission.ReadAuditTrail,
  ],
};

export const API_KEY_SCOPE_PERMISSIONS: Readonly<Record<ApiKeyScope, readonly Permission[]>> = {
  [ApiKeyScope.CATALOGUE]: [Permission.Authenticated, Permission.ReadCatalogue],
  [ApiKeyScope.PARTNER]: [Permission.Authenticated, Permission.ReadCatalogue, Permission.ReadRequests],
  [ApiKeyScope.SECTION]: [Permission.Authenticated, Permission.ReadCatalogue, Permission.ReadRequests],
};

const roleSets = new Map(Object.entries(ROLE_PERMISSIONS).map(([k, v]) => [k, new Set(v)]));
const scopeSets = new Map(Object.entries(API_KEY_SCOPE_PERMISSIONS).map(([k, v]) => [k, new Set(v)]));

export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return roleSets.get(role) ?? new Set();
}

export function permissionsOfScope(scope: ApiKeyScope): ReadonlySet<Permission> {
  return scopeSets.get(scope) ?? new Set();
}
