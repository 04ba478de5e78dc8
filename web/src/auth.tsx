import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { client } from './api/client';
import { queryClient } from './api/hooks';
import { graphql, type ResultOf } from './graphql';
import { useI18n } from './i18n';

export const ViewerFields = graphql(`
  fragment ViewerFields on Viewer @_unmask {
    id
    displayName
    email
    kind
    role
    permissions
    secondFactorEnabled
    secondFactorRequired
    partner { id code name }
    sections { id code name }
    coveredPartners { id code name }
  }
`);

const MeQuery = graphql(`query Me { me { ...ViewerFields } }`, [ViewerFields]);
const LoginMutation = graphql(
  `mutation Login($email: String!, $password: String!, $oneTimeCode: String) {
    login(email: $email, password: $password, oneTimeCode: $oneTimeCode) { accessToken expiresAt viewer { ...ViewerFields } }
  }`,
  [ViewerFields],
);
const LogoutMutation = graphql(`mutation Logout { logout }`);

export type Viewer = ResultOf<typeof ViewerFields>;

interface Auth {
  status: 'loading' | 'anonymous' | 'signed-in';
  viewer: Viewer | null;
  /** True when a signed-in session ended under the user's feet: a sign-in dialog appears over the page. */
  sessionLost: boolean;
  /** With a second factor, the first attempt fails with details.secondFactorRequired; send the code with the second. */
  login(email: string, password: string, oneTimeCode?: string): Promise<Viewer>;
  /** Reads the viewer again (after a change to the account, such as setting up a second factor). */
  reload(): Promise<void>;
  logout(): Promise<void>;
  can(permission: string): boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [status, setStatus] = useState<Auth['status']>('loading');
  const [sessionLost, setSessionLost] = useState(false);

  useEffect(() => {
    let cancelled = false;
    client.onSessionLost = () => setSessionLost(true);
    (async () => {
      // A page load keeps the session through the HttpOnly refresh cookie.
      if (await client.refresh()) {
        try {
          const { me } = await client.request(MeQuery, {});
          if (!cancelled && me) {
            setViewer(me);
            setStatus('signed-in');
            return;
          }
        } catch {
          /* fall through to anonymous */
        }
      }
      if (!cancelled) setStatus('anonymous');
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const login = useCallback(async (email: string, password: string, oneTimeCode?: string) => {
    const { login } = await client.request(LoginMutation, { email, password, oneTimeCode: oneTimeCode ?? null });
    client.setSession(login.accessToken, login.expiresAt);
    // Signing in again after a lost session keeps the cache; someone else signing in starts from none.
    setViewer((previous) => {
      if (previous && previous.id !== login.viewer.id) queryClient.clear();
      return login.viewer;
    });
    setStatus('signed-in');
    setSessionLost(false);
    return login.viewer;
  }, []);

  const reload = useCallback(async () => {
    const { me } = await client.request(MeQuery, {});
    setViewer(me ?? null);
  }, []);

  // The viewer's partner and section names are in the content language: read them again when it changes, so
  // labels built from them ("Only what Georgia is eligible for") follow the switch without a reload.
  const { locale } = useI18n();
  const shownLocale = useRef(locale);
  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    if (client.hasSession) reload().catch(() => undefined);
  }, [locale, reload]);

  const logout = useCallback(async () => {
    try {
      await client.request(LogoutMutation, {});
    } catch {
      /* signed out locally anyway */
    }
    client.setSession(null);
    // Nothing one person read stays cached for whoever signs in next on this browser.
    queryClient.clear();
    setViewer(null);
    setSessionLost(false);
    setStatus('anonymous');
  }, []);

  const value = useMemo<Auth>(
    () => ({ status, viewer, sessionLost, login, logout, reload, can: (p) => !!viewer?.permissions.includes(p as never) }),
    [status, viewer, sessionLost, login, logout, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export const isStaff = (v: Viewer | null) => v?.role === 'SECTION_STAFF' || v?.role === 'COORDINATOR' || v?.role === 'ADMIN';
export const isLiaison = (v: Viewer | null) => v?.role === 'PARTNER_LIAISON';
