import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';
import { MailMessageRepository } from './mail-message.repository.js';
import { MailWorker } from './mail-worker.service.js';
import { NotificationOutbox } from './notification-outbox.service.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';

/** In-app notifications, the mail outbox and its worker (pg-boss + SMTP). */
@Module({
  providers: [NotificationRepository, MailMessageRepository, JobQueue, NotificationOutbox, MailWorker, NotificationService, NotificationResolver],
  exports: [NotificationOutbox, JobQueue],
})
export class NotificationsModule {}
