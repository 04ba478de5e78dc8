import { Anchor, Badge, Button, Checkbox, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { client } from '../../api/client';
import { useAction } from '../../api/hooks';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/feedback';
import { type ResultOf } from '../../graphql';
import { useI18n } from '../../i18n';
import { RemoveAttachmentMutation, type RequestDetailFields } from './documents';

export type AttachmentRow = ResultOf<typeof RequestDetailFields>['attachments'][number];

/** What the upload route accepts (the server decides the type from the content; this only helps the file picker). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.txt,application/pdf,image/png,image/jpeg,text/plain';

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The files of a request or of one comment: download, remove (the uploader, or staff). */
export function AttachmentList({ attachments, onChange }: { attachments: AttachmentRow[]; onChange: () => Promise<unknown> | void }) {
  const { t, dateTime } = useI18n();
  const { viewer } = useAuth();
  const action = useAction();
  if (attachments.length === 0) return null;
  const staff = viewer?.permissions.includes('TriageRequests') ?? false;
  return (
    <Stack gap={4}>
      <ul className="attachment-list" aria-label={t('attachments.list')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {attachments.map((a) => (
          <li key={a.id}>
            <Group gap="xs" wrap="nowrap">
              <Anchor component="button" type="button" size="sm" onClick={() => void action.run(() => client.download(a.downloadUrl!, a.fileName))}>
                {a.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {size(a.size)} · {a.uploadedBy?.displayName ?? t('request.someone')} · {dateTime(a.createdAt)}
              </Text>
              {a.personalData && <Badge size="xs" variant="light" styles={{ label: { color: 'var(--mantine-color-dark-7)' } }}>{t('attachments.personalData')}</Badge>}
              {(staff || a.uploadedBy?.id === viewer?.id) && (
                <Button
                  size="compact-xs"
                  variant="default"
                  aria-label={t('attachments.removeNamed', { name: a.fileName })}
                  onClick={() =>
                    void action.run(async () => {
                      await client.request(RemoveAttachmentMutation, { id: a.id, reason: null });
                      await onChange();
                    })
                  }
                >
                  {t('attachments.remove')}
                </Button>
              )}
            </Group>
          </li>
        ))}
      </ul>
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

/** Sends one file to the request (or to a comment) through the multipart route; the server checks type, size and count. */
export async function uploadAttachment(requestId: string, file: File, options: { commentId?: string; personalData?: boolean } = {}): Promise<void> {
  const form = new FormData();
  if (options.commentId) form.append('commentId', options.commentId);
  if (options.personalData) form.append('personalData', 'true');
  form.append('file', file, file.name);
  await client.upload(`/api/requests/${requestId}/attachments`, form);
}

/** The request's own files, and a picker to add one (with the personal-data mark for nominees' documents). */
export function RequestAttachments({ requestId, attachments, canSeePeople, onChange }: { requestId: string; attachments: AttachmentRow[]; canSeePeople: boolean; onChange: () => Promise<unknown> | void }) {
  const { t } = useI18n();
  const { viewer } = useAuth();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [personalData, setPersonalData] = useState(false);
  const canAttach = (['SubmitRequests', 'CommentOnRequests', 'TriageRequests'] as const).some((p) => viewer?.permissions.includes(p));
  const own = attachments.filter((a) => !a.commentId);
  return (
    <Paper p="md" withBorder component="section" aria-labelledby="attachments-title">
      <Title order={2} size="h3" id="attachments-title" mb="sm">
        {t('attachments.title')}
      </Title>
      <Stack gap="sm">
        {own.length === 0 ? <Text size="sm" c="dimmed">{t('attachments.none')}</Text> : <AttachmentList attachments={own} onChange={onChange} />}
        {canAttach && (
          <Stack gap="xs">
            <FileInput label={t('attachments.choose')} description={t('attachments.limits')} accept={ACCEPT} value={file} onChange={setFile} clearable clearButtonProps={{ 'aria-label': t('attachments.clear') }} />
            <Group justify="space-between">
              {canSeePeople ? <Checkbox label={t('attachments.markPersonalData')} checked={personalData} onChange={(e) => setPersonalData(e.currentTarget.checked)} /> : <span />}
              <Button
                disabled={!file}
                loading={action.pending}
                onClick={() =>
                  void action.run(async () => {
                    await uploadAttachment(requestId, file!, { personalData });
                    setFile(null);
                    setPersonalData(false);
                    await onChange();
                  })
                }
              >
                {t('attachments.attach')}
              </Button>
            </Group>
            <ErrorAlert error={action.error} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
