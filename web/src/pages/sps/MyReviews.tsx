import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Empty, ErrorAlert, Loading } from '../../components/feedback';
import { KindFieldsView, problemsByPath } from '../../components/KindFields';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { MyReviewsQuery, RubricQuery, SubmitReviewMutation } from './documents';

/** The SPS_GRANT schema labels the application fields for the reviewer. */
const SpsKindSchemaQuery = graphql(`query SpsKindSchema { requestFieldSchema(kind: SPS_GRANT) { id schema } }`);

type Assignment = ResultOf<typeof MyReviewsQuery>['mySpsReviews'][number];
type Criterion = ResultOf<typeof RubricQuery>['spsRubric'][number];

/** Issue #15: "My reviews" — the SPS applications assigned to the signed-in staff member, each with its score form. */
export function MyReviewsPage() {
  const { t } = useI18n();
  const reviews = useQuery(MyReviewsQuery, {});
  const rubric = useQuery(RubricQuery, {});
  if ((reviews.loading && !reviews.data) || (rubric.loading && !rubric.data)) return <Loading />;
  if (reviews.error) return <ErrorAlert error={reviews.error} onRetry={reviews.reload} />;
  if (rubric.error) return <ErrorAlert error={rubric.error} onRetry={rubric.reload} />;
  const list = reviews.data!.mySpsReviews;
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('sps.myReviews')}</Title>
        <Text c="dimmed">{t('sps.myReviewsHint')}</Text>
      </div>
      {list.length === 0 ? <Empty title={t('sps.noReviews')} /> : list.map((a) => <ReviewCard key={a.id} assignment={a} rubric={rubric.data!.spsRubric} onSaved={() => void reviews.reload()} />)}
    </Stack>
  );
}

function ReviewCard({ assignment, rubric, onSaved }: { assignment: Assignment; rubric: Criterion[]; onSaved: () => void }) {
  const { t, dateTime } = useI18n();
  const fieldSchema = useQuery(SpsKindSchemaQuery, {});
  const [scores, setScores] = useState<Record<string, string>>(Object.fromEntries(assignment.review.scores.map((s) => [s.criterionCode, String(s.score)])));
  const [comments, setComments] = useState(assignment.review.comments ?? '');
  const action = useAction();
  const errors = problemsByPath(action.error);
  const submit = () =>
    action.run(async () => {
      await client.request(SubmitReviewMutation, {
        input: {
          reviewId: assignment.review.id,
          expectedVersion: assignment.review.version,
          comments,
          scores: rubric.filter((c) => scores[c.code]).map((c) => ({ criterionCode: c.code, score: Number(scores[c.code]) })),
        },
      });
      onSaved();
    });
  const headingId = `review-${assignment.id}`;
  return (
    <Paper p="md" withBorder component="section" aria-labelledby={headingId} data-testid="review-card">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3" id={headingId}>
            <Text span ff="monospace" fw={700}>
              {assignment.reference}
            </Text>{' '}
            {assignment.title}
          </Title>
          {assignment.purpose && <Text size="sm">{assignment.purpose}</Text>}
        </div>
        {assignment.review.submittedAt ? (
          <Badge color="green.9" variant="light">
            {t('sps.submittedAt', { at: dateTime(assignment.review.submittedAt), total: assignment.review.total ?? 0 })}
          </Badge>
        ) : (
          <Badge color="orange.9" variant="light">
            {t('sps.pending')}
          </Badge>
        )}
      </Group>
      <KindFieldsView schema={fieldSchema.data?.requestFieldSchema?.schema} value={assignment.kindFields} />
      <Stack gap="sm" mt="md">
        {rubric.map((c) => (
          <NativeSelect
            key={c.code}
            label={c.label}
            description={c.guidance}
            required
            value={scores[c.code] ?? ''}
            error={errors[`/scores/${c.code}`]}
            onChange={(e) => {
              const score = e.currentTarget.value;
              setScores((s) => ({ ...s, [c.code]: score }));
            }}
            data={[{ value: '', label: '—' }, ...Array.from({ length: c.maxScore - c.minScore + 1 }, (_, i) => String(c.minScore + i))]}
          />
        ))}
        <Textarea label={t('sps.comments')} description={t('sps.commentsHint')} required autosize minRows={3} value={comments} onChange={(e) => setComments(e.currentTarget.value)} />
        {action.error && action.error.code !== 'INVALID_FIELDS' && <ErrorAlert error={action.error} />}
        {action.error?.code === 'INVALID_FIELDS' && (
          <Alert color="red" variant="light" role="alert">
            {action.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={action.pending}>
            {assignment.review.submittedAt ? t('sps.updateReview') : t('sps.submitReview')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
