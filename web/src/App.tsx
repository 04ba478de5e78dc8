import 'dayjs/locale/fr';
import { Alert, MantineProvider, mergeThemeOverrides, Modal, Notification, TableScrollContainer, Text, createTheme } from '@mantine/core';
import { DateInput, DatePickerInput, DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/hooks';
import { AuthProvider, useAuth } from './auth';
import { Loading } from './components/feedback';
import { Layout } from './components/Layout';
import { I18nProvider, useI18n } from './i18n';
import { CataloguePage } from './pages/Catalogue';
import { NomineesPage } from './pages/nominees/Nominees';
import { NotificationsPage } from './pages/Notifications';
import { OfferingDetailPage } from './pages/OfferingDetail';
import { RequestFormPage } from './pages/requests/RequestForm';
import { MyRequestsPage, QueuePage } from './pages/requests/RequestLists';
import { CannedRepliesPage } from './pages/requests/CannedReplies';
import { RequestPage } from './pages/requests/RequestPage';
import { AccountPage } from './pages/Account';
import { ForgotPasswordPage, SetPasswordPage, SignInForm, SignInPage } from './pages/SignIn';
import { cssVariablesResolver, theme } from './theme';

const AdminPage = lazy(() => import('./pages/admin/Admin').then((m) => ({ default: m.AdminPage })));
const MyReviewsPage = lazy(() => import('./pages/sps/MyReviews').then((m) => ({ default: m.MyReviewsPage })));
const SpsCommitteePage = lazy(() => import('./pages/sps/Committee').then((m) => ({ default: m.SpsCommitteePage })));
const DashboardPage = lazy(() => import('./pages/Dashboard').then((m) => ({ default: m.DashboardPage })));
// Issue #17: partners' plans and dashboards for everyone.
const PartnerPlanPage = lazy(() => import('./pages/plans/PartnerPlan').then((m) => ({ default: m.PartnerPlanPage })));
const InsightsPage = lazy(() => import('./pages/plans/Insights').then((m) => ({ default: m.InsightsPage })));
const HelpPage = lazy(() => import('./pages/plans/Help').then((m) => ({ default: m.HelpPage })));
const HelpArticlePage = lazy(() => import('./pages/plans/Help').then((m) => ({ default: m.HelpArticlePage })));
const SupportOffersPage = lazy(() => import('./pages/plans/SupportOffers').then((m) => ({ default: m.SupportOffersPage })));
const FilteredRequestsPage = lazy(() => import('./pages/plans/FilteredRequests').then((m) => ({ default: m.FilteredRequestsPage })));

function RequireAuth({ children, permission }: { children: ReactNode; permission?: string | string[] }) {
  const { status, can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'anonymous') return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  const needed = permission ? (Array.isArray(permission) ? permission : [permission]) : [];
  if (needed.length && !needed.some((p) => can(p)))
    return (
      <Layout>
        <Text role="alert" py="xl">
          {t('error.FORBIDDEN')}
        </Text>
      </Layout>
    );
  return <Layout>{children}</Layout>;
}

/** Home: each role lands where its work is. */
function Home() {
  const { status, viewer, can } = useAuth();
  if (status === 'loading') return <Loading />;
  if (!viewer) return <Navigate to="/sign-in" replace />;
  if (viewer.role === 'SECTION_STAFF' || viewer.role === 'COORDINATOR') return <Navigate to={can('TriageRequests') ? '/queue' : '/catalogue'} replace />;
  if (viewer.role === 'ADMIN') return <Navigate to="/admin" replace />;
  return <Navigate to="/catalogue" replace />;
}

/** When the session ends mid-work, a sign-in dialog appears over the page: nothing typed is lost. */
function SessionLostDialog() {
  const { sessionLost, viewer } = useAuth();
  const { t } = useI18n();
  return (
    <Modal opened={sessionLost} onClose={() => undefined} withCloseButton={false} title={t('session.lostTitle')} centered closeOnClickOutside={false} closeOnEscape={false}>
      <Text size="sm" mb="md">
        {t('session.lostText')}
      </Text>
      <SignInForm presetEmail={viewer?.email ?? ''} />
    </Modal>
  );
}

function Routed() {
  return (
    <>
      <SessionLostDialog />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/set-password" element={<SetPasswordPage />} />
          <Route path="/forgot-password" element={<ForgotPasswordPage />} />
          <Route path="/catalogue" element={<RequireAuth><CataloguePage /></RequireAuth>} />
          <Route path="/offerings/:code" element={<RequireAuth><OfferingDetailPage /></RequireAuth>} />
          <Route path="/requests" element={<RequireAuth permission="ReadRequests"><MyRequestsPage /></RequireAuth>} />
          <Route path="/requests/new" element={<RequireAuth permission="SubmitRequests"><RequestFormPage /></RequireAuth>} />
          <Route path="/requests/:id" element={<RequireAuth permission="ReadRequests"><RequestPage /></RequireAuth>} />
          <Route path="/nominees" element={<RequireAuth permission="SubmitRequests"><NomineesPage /></RequireAuth>} />
          <Route path="/queue" element={<RequireAuth permission="TriageRequests"><QueuePage /></RequireAuth>} />
          <Route path="/canned-replies" element={<RequireAuth permission={['TriageRequests', 'ManageReferenceData']}><CannedRepliesPage /></RequireAuth>} />
          <Route path="/notifications" element={<RequireAuth><NotificationsPage /></RequireAuth>} />
          <Route path="/account" element={<RequireAuth><AccountPage /></RequireAuth>} />
          <Route path="/reviews" element={<RequireAuth permission="TriageRequests"><MyReviewsPage /></RequireAuth>} />
          <Route path="/sps/committee" element={<RequireAuth permission="TriageRequests"><SpsCommitteePage /></RequireAuth>} />
          <Route path="/dashboard" element={<RequireAuth permission="ReadStatistics"><DashboardPage /></RequireAuth>} />
          <Route path="/plan" element={<RequireAuth permission="ReadRequests"><PartnerPlanPage /></RequireAuth>} />
          <Route path="/insights" element={<RequireAuth permission="ReadRequests"><InsightsPage /></RequireAuth>} />
          <Route path="/insights/requests" element={<RequireAuth permission="ReadRequests"><FilteredRequestsPage /></RequireAuth>} />
          <Route path="/support" element={<RequireAuth permission={['TriageRequests', 'ManageCatalogue']}><SupportOffersPage /></RequireAuth>} />
          <Route path="/help" element={<RequireAuth><HelpPage /></RequireAuth>} />
          <Route path="/help/:slug" element={<RequireAuth><HelpArticlePage /></RequireAuth>} />
          <Route path="/admin/*" element={<RequireAuth permission={['ManageCatalogue', 'ManageUsers', 'ManageReferenceData', 'ReadAuditTrail']}><AdminPage /></RequireAuth>} />
          <Route path="*" element={<RequireAuth><NotFound /></RequireAuth>} />
        </Routes>
      </Suspense>
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Text role="alert" py="xl">
      {t('common.pageNotFound')}
    </Text>
  );
}

function LocalisedProviders({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/** The theme, with the labels Mantine's icon-only close buttons need, in the chosen language. */
function ThemedApp() {
  const { t, locale } = useI18n();
  const localised = useMemo(() => {
    const close = { 'aria-label': t('common.close') };
    return mergeThemeOverrides(
      theme,
      createTheme({
        components: {
          Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
          Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
          // A table that scrolls sideways inside its box can be scrolled from the keyboard too (WCAG 2.1.1).
          // The ✕ that clears a date picker says what it does.
          DateInput: DateInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('common.clearDate') } } }),
          DatePickerInput: DatePickerInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('common.clearDate') } } }),
          TableScrollContainer: TableScrollContainer.extend({ defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } }),
          Alert: Alert.extend({ defaultProps: { closeButtonLabel: t('common.close') }, styles: { title: { color: 'var(--mantine-color-dark-8)' } } }),
        },
      }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locale]);
  return (
    <MantineProvider theme={localised} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <LocalisedProviders>
        <AuthProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </AuthProvider>
      </LocalisedProviders>
    </MantineProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}
