// Every TypeORM entity of the application, registered by class so Nest, the CLI and tests load the same set.
import { CatalogueImport } from '../catalogue/catalogue-import.entity.js';
import { CooperationArea } from '../catalogue/cooperation-area.entity.js';
import { OfferingIteration } from '../catalogue/offering-iteration.entity.js';
import { Offering } from '../catalogue/offering.entity.js';
import { Topic } from '../catalogue/topic.entity.js';
import { Partner } from '../organisation/partner.entity.js';
import { PartnershipFramework } from '../organisation/partnership-framework.entity.js';
import { Section } from '../organisation/section.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ApiKey } from '../identity/api-key.entity.js';
import { AuthSession } from '../identity/auth-session.entity.js';
import { PasswordToken } from '../identity/password-token.entity.js';
import { RecoveryCode } from '../identity/recovery-code.entity.js';
import { RefreshToken } from '../identity/refresh-token.entity.js';
import { User } from '../identity/user.entity.js';
import { MailMessage } from '../notifications/mail-message.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { CooperationRequest } from '../requests/cooperation-request.entity.js';
import { RequestAttachment } from '../requests/request-attachment.entity.js';
import { RequestComment } from '../requests/request-comment.entity.js';
import { RequestEvent } from '../requests/request-event.entity.js';
import { RoutingRule } from '../requests/routing-rule.entity.js';

export const entities: Function[] = [
  PartnershipFramework, Partner, Section, CooperationArea, Topic, Offering, OfferingIteration,
  User, AuthSession, RefreshToken, PasswordToken, RecoveryCode, ApiKey, AuditEvent,
  CooperationRequest, RequestEvent, RequestComment, RoutingRule, Notification, MailMessage,
  RequestAttachment, CatalogueImport,
];
