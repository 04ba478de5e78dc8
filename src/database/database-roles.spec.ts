import { APP_LOGIN_ROLE, appLoginUrl, privilegesOf, type RoleFacts } from './database-roles.js';

const unprivileged: RoleFacts = {
  role: 'pcp_app_login', superuser: false, createRole: false, createDb: false, bypassRls: false, ownsDatabase: false, ownsTables: false, inAppGroup: true,
};

describe('privilegesOf', () => {
  it('finds nothing beyond the grants in a role fit to serve requests', () => {
    expect(privilegesOf(unprivileged)).toEqual([]);
  });

  it.each([
    ['superuser', 'is a superuser'],
    ['createRole', 'may create roles'],
    ['createDb', 'may create databases'],
    ['bypassRls', 'bypasses row-level security'],
    ['ownsDatabase', 'owns the database'],
    ['ownsTables', 'owns tables of the app'],
  ] as const)('names %s', (fact, words) => {
    expect(privilegesOf({ ...unprivileged, [fact]: true })).toEqual([words]);
  });
});

describe('appLoginUrl', () => {
  const owner = 'postgres://owner:s%3Acret@db.example.org:5433/portal?sslmode=require';

  it('keeps the server, database and options, with the app role and a password derived from the owner', () => {
    const url = new URL(appLoginUrl(owner));
    expect(url.username).toBe(APP_LOGIN_ROLE);
    expect(`${url.host}${url.pathname}${url.search}`).toBe('db.example.org:5433/portal?sslmode=require');
    expect(url.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.password).not.toContain('s%3Acret');
  });

  it('is the same for every instance with the same owner, and changes with the owner\'s password', () => {
    expect(appLoginUrl(owner)).toBe(appLoginUrl(owner));
    expect(new URL(appLoginUrl(owner.replace('s%3Acret', 'other'))).password).not.toBe(new URL(appLoginUrl(owner)).password);
    // The same server through another address (a proxy) gets the same password.
    expect(new URL(appLoginUrl(owner.replace('db.example.org:5433', '127.0.0.1:6000'))).password).toBe(new URL(appLoginUrl(owner)).password);
  });
});
