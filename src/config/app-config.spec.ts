import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe('.data');
    expect(config.NODE_ENV).toBe('development');
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.MIGRATIONS_RUN).toBe(true);
  });

  it('parses numbers and booleans from strings', () => {
    const config = loadConfig({ PORT: '8080', DB_POOL_SIZE: '4', MIGRATIONS_RUN: 'false', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), SECRETS_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` });
    expect(config.PORT).toBe(8080);
    expect(config.DB_POOL_SIZE).toBe(4);
    expect(config.MIGRATIONS_RUN).toBe(false);
    expect(config.isProduction).toBe(true);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty"/],
    ['PORT', '70000', /PORT="70000": PORT must not be greater than 65535/],
    ['NODE_ENV', 'staging', /NODE_ENV="staging": NODE_ENV must be one of the following values: development, production, test/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/],
    ['DB_POOL_SIZE', '0', /DB_POOL_SIZE="0"/],
    ['MIGRATIONS_RUN', 'maybe', /MIGRATIONS_RUN="maybe": MIGRATIONS_RUN must be a boolean value/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud"/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.split('=')[0])).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL']));
    }
  });
});

describe('optional variables without a default', () => {
  it('are read from the environment like every other', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', SMTP_URL: 'smtp://mail.example.org:25', ADMIN_EMAIL: 'a@example.org', ADMIN_PASSWORD: 'correct horse battery staple' });
    expect(config.DATABASE_URL).toBe('postgres://u@h/db');
    expect(config.SMTP_URL).toBe('smtp://mail.example.org:25');
    expect(config.ADMIN_EMAIL).toBe('a@example.org');
  });
});
