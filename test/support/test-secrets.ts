/** SECRETS_KEYS for every app a test starts: one key for the run, so instances on one database open each other's sealed secrets. */
export const TEST_SECRETS_KEYS = `test:${Buffer.alloc(32, 7).toString('base64')}`;
