import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthorizationGuard } from '../common/auth/authorization.guard.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { AccountBootstrapService } from './account-bootstrap.service.js';
import { ActorLoader } from './actor-loader.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthenticationService } from './authentication.service.js';
import { IdentityLoaders } from './identity-loaders.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { LoginService } from './login.service.js';
import { AccessTokenStrategy } from './passport/access-token.strategy.js';
import { ApiKeyStrategy } from './passport/api-key.strategy.js';
import { LocalStrategy } from './passport/local.strategy.js';
import { PasswordTokenService } from './password-token.service.js';
import { PasswordService } from './password.service.js';
import { PeopleService } from './people.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { SecondFactorResolver } from './second-factor.resolver.js';
import { SecondFactorService } from './second-factor.service.js';
import { SessionResolver } from './session.resolver.js';
import { SessionRepository } from './session.repository.js';
import { SessionService } from './session.service.js';
import { TokenService } from './token.service.js';
import { UserAdminResolver } from './user-admin.resolver.js';
import { UserAdminService } from './user-admin.service.js';
import { UserListService } from './user-list.service.js';
import { SecretBox } from './secret-box.js';
import { UserRepository } from './user.repository.js';
import { ViewerService } from './viewer.service.js';

/** Users, sign-in, sessions, API keys, and the global default-deny guard. Other contexts see users through PeopleService. */
@Module({
  imports: [OrganisationModule, NotificationsModule],
  controllers: [OidcController],
  providers: [
    { provide: APP_GUARD, useClass: AuthorizationGuard },
    AccessTokenStrategy,
    ApiKeyStrategy,
    LocalStrategy,
    UserRepository,
    SecretBox,
    SessionRepository,
    ApiKeyRepository,
    IdentityLoaders,
    AccountBootstrapService,
    ActorLoader,
    ApiKeyService,
    AuthenticationService,
    LoginService,
    LoginThrottleService,
    PasswordService,
    PasswordTokenService,
    PeopleService,
    SecondFactorService,
    SecondFactorResolver,
    OidcService,
    SessionResolver,
    SessionService,
    TokenService,
    UserAdminService,
    UserListService,
    ViewerService,
    AuthResolver,
    UserAdminResolver,
    ApiKeyResolver,
  ],
  // SecretBox: the integrations context seals webhook signing secrets with the same key ring.
  exports: [AuthenticationService, UserAdminService, ApiKeyService, LoginService, PasswordService, PeopleService, SessionService, TokenService, SecretBox],
})
export class IdentityModule {}
