import { Anchor, List, Paper, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '../../api/hooks';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n';

const CatalogueArticlesQuery = graphql(`
  query CatalogueArticles($search: String, $language: Language) {
    knowledgeArticles(search: $search, limit: 3, language: $language) { id slug title }
  }
`);

/**
 * The knowledge base in the catalogue's search box (issue #17 item 4): the three best help articles for the text the
 * offerings were searched with, matched the same way (KnowledgeRepository shares the catalogue's matching). A query
 * of its own, asked only when there is text, so the catalogue's page (served from the response cache) never waits
 * for it, and the articles (drafts for administrators) are never cached with it.
 */
export function CatalogueArticles({ search }: { search: string }) {
  const { t, language } = useI18n();
  const text = search.trim();
  const q = useQuery(CatalogueArticlesQuery, { search: text, language }, { skip: !text });
  const articles = text ? (q.data?.knowledgeArticles ?? []) : [];
  if (!articles.length) return null;
  return (
    <Paper p="md" withBorder component="aside" aria-labelledby="catalogue-articles-title">
      <Title order={2} size="h5" id="catalogue-articles-title" mb="xs">{t('catalogue.helpArticles')}</Title>
      <List size="sm" spacing={4}>
        {articles.map((a) => (
          <List.Item key={a.id}>
            <Anchor component={Link} to={`/help/${a.slug}`} underline="always">{a.title}</Anchor>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
