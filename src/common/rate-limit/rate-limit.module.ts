import { Global, Module } from '@nestjs/common';
import { RateLimitRepository } from './rate-limit.repository.js';

/** Global: sign-in throttling (identity) and the refusal audit (audit) share the sliding windows. */
@Global()
@Module({ providers: [RateLimitRepository], exports: [RateLimitRepository] })
export class RateLimitModule {}
