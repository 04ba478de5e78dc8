import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { MailSecrets } from './mail-secrets.js';
import { MailWorker } from './mail-worker.service.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';
import { MailPreferences } from './mail-preferences.js';
import { MailDigestWorker } from './mail-digest.worker.js';

/** In-app notifications, the mail outbox and its worker (pg-boss + SMTP). */
@Module({
  providers: [NotificationRepository, MailMessageRepository, JobQueue, NotificationOutbox, MailSecrets, MailWorker, NotificationService, NotificationResolver, MailPreferences, MailDigestWorker],
  exports: [NotificationOutbox, JobQueue, MailSecrets],
})
export class NotificationsModule {}
