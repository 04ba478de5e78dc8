import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Permission } from '../../common/auth/permission.js';
import { ApiKeyScope, Role } from '../../common/auth/role.js';

export enum ViewerKind {
  USER = 'USER',
  API_KEY = 'API_KEY',
}

registerEnumType(ViewerKind, { name: 'ViewerKind', description: 'Whether the caller is a person or an integration key.' });
registerEnumType(Permission, { name: 'Permission', description: 'What a caller may do; granted by role or key scope.' });

@ObjectType({ description: 'The caller: a signed-in user or an API key, with its role or scope.' })
export class Viewer {
  @Field(() => ViewerKind)
  kind: ViewerKind;

  @Field(() => ID, { description: 'The user id or the API key id.' })
  id: string;

  @Field({ description: "The user's display name or the key's name." })
  displayName: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => Role, { nullable: true, description: 'Set for users.' })
  role: Role | null;

  @Field(() => ApiKeyScope, { nullable: true, description: 'Set for API keys.' })
  scope: ApiKeyScope | null;

  @Field(() => [Permission])
  permissions: Permission[];

  @Field(() => String, { nullable: true, description: 'The language of your mail: en or fr (setMyLanguage); null for API keys.' })
  language: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether a second factor (TOTP) is set up; null for API keys.' })
  secondFactorEnabled: boolean | null;

  @Field({ description: 'Whether this role must have a second factor (administrators). Without one, set it up (startSecondFactorEnrolment).' })
  secondFactorRequired: boolean;

  partnerId: string | null;
  sectionIds: readonly string[];
  coveredPartnerIds: readonly string[];
}

@ObjectType({ description: 'A signed-in session: a short-lived access token; the refresh token travels in an HttpOnly cookie.' })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @Field({ description: 'Always "Bearer".' })
  tokenType: string;

  @Field({ description: 'When the access token stops working; call refreshSession before then.' })
  expiresAt: Date;

  @Field(() => Viewer)
  viewer: Viewer;
}

@ObjectType({ description: 'The ways to sign in to this portal.' })
export class SignInOptions {
  @Field({ description: 'Email and password (with a second factor when the account has one).' })
  password: boolean;

  @Field({ description: 'Single sign-on with the organisation account (OpenID Connect).' })
  organisation: boolean;

  @Field(() => String, { nullable: true, description: 'Where the browser goes to start single sign-on (a full-page navigation).' })
  organisationSignInPath: string | null;
}
