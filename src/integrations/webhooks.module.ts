import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { WebhookAdminService } from './webhook-admin.service.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEvents } from './webhook-events.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WebhookRepository } from './webhook.repository.js';
import { WebhookResolver } from './webhook.resolver.js';

/**
 * Outbound webhooks (issue #16 item 1). Exports `WebhookEvents`, which the requests and catalogue contexts call in
 * the unit of work of their changes; it imports neither of them (the payload is what they pass).
 */
@Module({
  // IdentityModule: SecretBox, which seals the signing secrets (WebhookSecrets).
  imports: [NotificationsModule, OrganisationModule, IdentityModule],
  providers: [WebhookRepository, WebhookEvents, WebhookSecrets, WebhookAdminService, WebhookDeliveryWorker, WebhookResolver],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
