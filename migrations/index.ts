// Every migration, in order. A test fails when a file in this folder is missing here.
import { DatabaseExtensions1763683200000 } from './1763683200000-DatabaseExtensions.js';

export const migrations = [DatabaseExtensions1763683200000];
