import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permission.js';

export const ALLOW_KEY = 'pcp:allow';
export const PUBLIC_KEY = 'pcp:public';

/** The caller needs at least one of these permissions. Every query and mutation declares @Allow or @Public. */
export const Allow = (...permissions: Permission[]) => SetMetadata(ALLOW_KEY, permissions);

/** Anyone may call this, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
