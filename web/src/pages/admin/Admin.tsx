import { Tabs, Title, Stack } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { AuditAdmin } from './AuditAdmin';
import { CatalogueImportAdmin } from './CatalogueImportAdmin';
import { WebhooksAdmin } from './WebhooksAdmin';
import { OfferingsAdmin } from './OfferingsAdmin';
import { ApiKeysAdmin, UsersAdmin } from './PeopleAdmin';
import { PartnersAdmin, RoutingRulesAdmin, SectionsAdmin } from './ReferenceAdmin';
import { AreasAdmin, FrameworksAdmin, TopicsAdmin } from './TaxonomyAdmin';

export function AdminPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const params = useParams();
  const navigate = useNavigate();
  const tabs = [
    { value: 'offerings', label: t('admin.offerings'), show: can('ManageCatalogue'), node: <OfferingsAdmin /> },
    { value: 'catalogue-import', label: t('admin.catalogueImport'), show: can('ManageCatalogue'), node: <CatalogueImportAdmin /> },
    { value: 'partners', label: t('admin.partners'), show: can('ManageReferenceData'), node: <PartnersAdmin /> },
    { value: 'frameworks', label: t('admin.frameworks'), show: can('ManageReferenceData'), node: <FrameworksAdmin /> },
    { value: 'sections', label: t('admin.sections'), show: can('ManageReferenceData'), node: <SectionsAdmin /> },
    { value: 'areas', label: t('admin.areas'), show: can('ManageReferenceData'), node: <AreasAdmin /> },
    { value: 'topics', label: t('admin.topics'), show: can('ManageReferenceData'), node: <TopicsAdmin /> },
    { value: 'routing', label: t('admin.routing'), show: can('ManageRoutingRules'), node: <RoutingRulesAdmin /> },
    { value: 'users', label: t('admin.users'), show: can('ManageUsers'), node: <UsersAdmin /> },
    { value: 'api-keys', label: t('admin.apiKeys'), show: can('ManageApiKeys'), node: <ApiKeysAdmin /> },
    { value: 'webhooks', label: t('admin.webhooks'), show: can('ManageApiKeys'), node: <WebhooksAdmin /> },
    { value: 'audit', label: t('admin.audit'), show: can('ReadAuditTrail'), node: <AuditAdmin /> },
  ].filter((x) => x.show);
  const current = tabs.some((x) => x.value === params['*']) ? params['*']! : tabs[0]?.value;
  return (
    <Stack gap="md">
      <Title order={1}>{t('nav.admin')}</Title>
      <Tabs value={current} onChange={(v) => navigate(`/admin/${v}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              {x.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((x) => (
          <Tabs.Panel key={x.value} value={x.value} pt="md">
            {x.node}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
