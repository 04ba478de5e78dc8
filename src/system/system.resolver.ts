import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../common/auth/allow.decorator.js';
import { AppConfig } from '../config/app-config.js';

@ObjectType({ description: 'What this server is.' })
export class ServerInfo {
  @Field({ description: 'The API version (semantic versioning).' })
  version: string;

  @Field({ description: 'development, production or test.' })
  environment: string;

  @Field(() => [String], { description: 'Content languages the API can return.' })
  languages: string[];
}

@Resolver()
export class SystemResolver {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Query(() => ServerInfo, { description: 'Version and environment of this server.' })
  serverInfo(): ServerInfo {
    return { version: API_VERSION, environment: this.config.NODE_ENV, languages: ['en', 'fr'] };
  }
}

export const API_VERSION = '0.1.0';
