import { Alert, Anchor, AppShell, Box, Burger, Button, Group, Menu, SegmentedControl, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { useI18n, type Locale } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { NotificationsBell } from './NotificationsBell';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  // Two switches can be on the page (header, phone menu): each labelled by its own id.
  const labelId = useId();
  return (
    <Box>
      <VisuallyHidden id={labelId}>{t('header.language')}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        aria-labelledby={labelId}
        value={locale}
        onChange={(v) => setLocale(v as Locale)}
        data={[
          { value: 'en', label: <span lang="en" title="English">EN</span> },
          { value: 'fr', label: <span lang="fr" title="Français">FR</span> },
        ]}
        styles={dark ? { root: { background: 'rgba(255,255,255,0.12)' }, label: { color: '#fff' }, indicator: { background: '#16427f' } } : undefined}
      />
    </Box>
  );
}

/** Links shown in the desktop header before "More". */
const INLINE_LINKS = 5;

interface NavItem {
  to: string;
  label: MessageKey;
  permission?: string;
  show?: boolean;
}

export function useNavItems(): NavItem[] {
  const { viewer, can } = useAuth();
  const liaison = viewer?.role === 'PARTNER_LIAISON';
  const items: NavItem[] = [
    { to: '/catalogue', label: 'nav.catalogue', permission: 'ReadCatalogue' },
    { to: '/requests', label: liaison ? 'nav.myRequests' : 'nav.requests', permission: 'ReadRequests', show: liaison },
    { to: '/nominees', label: 'nav.nominees', permission: 'SubmitRequests', show: liaison },
    { to: '/queue', label: 'nav.queue', permission: 'TriageRequests' },
    { to: '/reviews', label: 'nav.myReviews', permission: 'TriageRequests' },
    { to: '/sps/committee', label: 'nav.spsCommittee', permission: 'TriageRequests' },
    { to: '/canned-replies', label: 'nav.cannedReplies', show: can('TriageRequests') || can('ManageReferenceData') },
    { to: '/dashboard', label: 'nav.dashboard', permission: 'ReadStatistics' },
    { to: '/insights', label: 'nav.insights', permission: 'ReadRequests' },
    { to: '/plan', label: 'nav.plan', permission: 'ReadRequests', show: liaison || viewer?.role === 'COORDINATOR' || viewer?.role === 'ADMIN' },
    { to: '/support', label: 'nav.support', show: can('TriageRequests') || can('ManageCatalogue') },
    { to: '/help', label: 'nav.help', permission: 'ReadCatalogue' },
    { to: '/admin', label: 'nav.admin', show: can('ManageCatalogue') || can('ManageUsers') || can('ManageReferenceData') || can('ReadAuditTrail') },
  ];
  return items.filter((i) => (i.show !== undefined ? i.show && (!i.permission || can(i.permission)) : can(i.permission!)));
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, te } = useI18n();
  const { viewer, logout } = useAuth();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const items = useNavItems();
  // At 1366 px, with the name, the language switch, the bell and the user menu, five links fit in either language;
  // the rest go under "More" (the phone menu lists them all).
  const inline = items.slice(0, INLINE_LINKS);
  const more = items.slice(INLINE_LINKS);
  const { pathname } = useLocation();

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <AppShell.Header bg="navy.9" c="white" withBorder={false}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" color="white" aria-label={t('header.menu')} />
            <Anchor component={Link} to="/" c="white" underline="never" fw={700} fz="lg" style={{ whiteSpace: 'nowrap' }}>
              <Group gap={8} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Box component="span" visibleFrom="sm">
                  {t('app.name')}
                </Box>
                <VisuallyHidden hiddenFrom="sm">{t('app.name')}</VisuallyHidden>
              </Group>
            </Anchor>
            <nav aria-label={t('header.mainNav')}>
              <Group gap={4} visibleFrom="md" wrap="nowrap">
                {inline.map((i) => (
                  <NavLink key={i.to} to={i.to} className={({ isActive }) => `nav-link${isActive ? ' active' : ''}`}>
                    {t(i.label)}
                  </NavLink>
                ))}
                {more.length > 0 && (
                  <Menu position="bottom-start" withinPortal>
                    <Menu.Target>
                      <UnstyledButton className={`nav-link${more.some((i) => pathname.startsWith(i.to)) ? ' active' : ''}`}>
                        {t('nav.more')} ▾
                      </UnstyledButton>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {more.map((i) => (
                        <Menu.Item key={i.to} component={Link} to={i.to}>
                          {t(i.label)}
                        </Menu.Item>
                      ))}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* On a phone the language and the account move into the menu; the bell stays in reach. */}
            <Box visibleFrom="sm">
              <LanguageSwitch dark />
            </Box>
            {viewer && <NotificationsBell />}
            {viewer && (
              <Box visibleFrom="sm">
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton title={t('header.account', { name: viewer.displayName })} c="white" px="xs" py={4} style={{ borderRadius: 4 }}>
                    <Stack gap={0} align="flex-end">
                      <Text size="sm" fw={600} lh={1.2}>
                        {viewer.displayName}
                      </Text>
                      <Text size="xs" lh={1.2} c="navy.1">
                        {te('role', viewer.role)}
                        {viewer.partner ? ` · ${viewer.partner.name}` : viewer.sections.length ? ` · ${viewer.sections.map((s) => s.code).join(', ')}` : ''}
                      </Text>
                    </Stack>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{viewer.email}</Menu.Label>
                  {viewer.kind === 'USER' && (
                    <Menu.Item component={Link} to="/account">
                      {t('account.title')}
                    </Menu.Item>
                  )}
                  <Menu.Item
                    onClick={async () => {
                      await logout();
                      navigate('/sign-in');
                    }}
                  >
                    {t('header.signOut')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
              </Box>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label={t("header.mobileNav")}>
        <Stack gap={4}>
          {items.map((i) => (
            <Button key={i.to} component={Link} to={i.to} variant="subtle" justify="flex-start" onClick={close}>
              {t(i.label)}
            </Button>
          ))}
          {/* Rendered only while the menu is open: on a desktop it stays collapsed and adds nothing to the page. */}
          {opened && (
            <Button component={Link} to="/notifications" variant="subtle" justify="flex-start" onClick={close}>
              {t('nav.notifications')}
            </Button>
          )}
          {viewer && opened && (
            <Stack gap={4} mt="md" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
              <Text size="sm" fw={600}>
                {viewer.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {te('role', viewer.role)}
                {viewer.partner ? ` · ${viewer.partner.name}` : ''}
              </Text>
              <LanguageSwitch />
              {viewer.kind === 'USER' && (
                <Button component={Link} to="/account" variant="subtle" justify="flex-start" onClick={close}>
                  {t('account.title')}
                </Button>
              )}
              <Button
                variant="subtle"
                color="red.9"
                justify="flex-start"
                onClick={async () => {
                  close();
                  await logout();
                  navigate('/sign-in');
                }}
              >
                {t('header.signOut')}
              </Button>
            </Stack>
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Box maw={1400} mx="auto">
          {viewer?.secondFactorRequired && !viewer.secondFactorEnabled && (
            <Alert color="yellow" mb="md" role="status">
              <Anchor component={Link} to="/account">{t('account.secondFactorBanner')}</Anchor>
            </Alert>
          )}
          {children}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
