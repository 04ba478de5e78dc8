// Every migration, in order. A test fails when a file in this folder is missing here.
import { DatabaseExtensions1763683200000 } from './1763683200000-DatabaseExtensions.js';
import { OrganisationAndTaxonomy1763683300000 } from './1763683300000-OrganisationAndTaxonomy.js';
import { Catalogue1763683300100 } from './1763683300100-Catalogue.js';
import { IdentityAndAudit1763683400000 } from './1763683400000-IdentityAndAudit.js';
import { CooperationRequests1763683500000 } from './1763683500000-CooperationRequests.js';
import { TypeormMetadata1763683900000 } from './1763683900000-TypeormMetadata.js';
import { OfferingSearchTiers1763684000000 } from './1763684000000-OfferingSearchTiers.js';
import { OfferingTitleSearch1763684100000 } from './1763684100000-OfferingTitleSearch.js';
import { BilingualNotifications1763684200000 } from './1763684200000-BilingualNotifications.js';
import { RateLimitWindows1764100000000 } from './1764100000000-RateLimitWindows.js';
import { AppRole1764200000000 } from './1764200000000-AppRole.js';
import { ApiKeyPersonalData1764600000000 } from './1764600000000-ApiKeyPersonalData.js';
import { SeatsAndWaitingLists1764700000000 } from './1764700000000-SeatsAndWaitingLists.js';
import { NomineeSubstitutions1764700000100 } from './1764700000100-NomineeSubstitutions.js';
import { NomineesAttendanceSurveys1764750000000 } from './1764750000000-NomineesAttendanceSurveys.js';
import { AuditTrailReads1764800000000 } from './1764800000000-AuditTrailReads.js';
import { SecondFactor1764800100000 } from './1764800100000-SecondFactor.js';
import { SingleSignOn1764800200000 } from './1764800200000-SingleSignOn.js';
import { SessionLastUse1764800300000 } from './1764800300000-SessionLastUse.js';
import { TriageConsole1764900500000 } from './1764900500000-TriageConsole.js';
import { CannedReplies1764900500100 } from './1764900500100-CannedReplies.js';

export const migrations = [DatabaseExtensions1763683200000, OrganisationAndTaxonomy1763683300000, Catalogue1763683300100, IdentityAndAudit1763683400000, CooperationRequests1763683500000, TypeormMetadata1763683900000, OfferingSearchTiers1763684000000, OfferingTitleSearch1763684100000, BilingualNotifications1763684200000, RateLimitWindows1764100000000, AppRole1764200000000, ApiKeyPersonalData1764600000000, SeatsAndWaitingLists1764700000000, NomineeSubstitutions1764700000100, NomineesAttendanceSurveys1764750000000, AuditTrailReads1764800000000, SecondFactor1764800100000, SingleSignOn1764800200000, SessionLastUse1764800300000, TriageConsole1764900500000, CannedReplies1764900500100];
