import { Anchor, List, Paper, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n';
import { ArticlesQuery } from './documents';

/** Help articles about an offering's areas or kind (issue #17 item 4), on the offering page and the request form. */
export function RelatedArticles({ areaCodes, offeringKind }: { areaCodes: string[]; offeringKind: string | null }) {
  const { t } = useI18n();
  const q = useQuery(ArticlesQuery, { areaCodes, offeringKind });
  const articles = q.data?.knowledgeArticles ?? [];
  if (!articles.length) return null;
  return (
    <Paper p="md" withBorder component="aside" aria-labelledby="related-articles-title">
      <Title order={2} size="h4" id="related-articles-title" mb="xs">{t('help.related')}</Title>
      <List size="sm" spacing={4}>
        {articles.slice(0, 5).map((a) => (
          <List.Item key={a.id}>
            <Anchor component={Link} to={`/help/${a.slug}`} underline="always">{a.title}</Anchor>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
