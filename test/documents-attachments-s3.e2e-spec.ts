import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { actors, type Actors, type Headers } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #16 item 4: ATTACHMENT_STORE=s3 against a real S3-compatible server (s3rver) on a local port.
const BUCKET = 'pcp-attachments';
let s3: S3rver;
let directory: string;
let endpoint: string;
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'pcp-s3-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  t = await startTestApp({
    env: {
      SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false',
      ATTACHMENT_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: BUCKET, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1',
    },
  });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
  await s3?.close();
  rmSync(directory, { recursive: true, force: true });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const REMOVE = graphql('mutation R($id: ID!, $reason: String) { removeAttachment(id: $id, reason: $reason) { id removedAt } }');

async function object(key: string): Promise<Buffer | undefined> {
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  try {
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await got.Body!.transformToByteArray());
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

describe('attachments in an S3-compatible bucket', () => {
  it('keeps the bytes in the bucket, not in PostgreSQL; serves them; removal deletes the object', async () => {
    const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
    const headers: Headers = await a.asPartner('GEO');
    const submitted = await t.gql(SUBMIT, { input: submitInput(offering.id) }, headers);
    const requestId = submitted.data!.submitRequest.request.id;

    const form = new FormData();
    form.append('file', new Blob([PDF]), 'letter.pdf');
    const res = await fetch(`${t.baseUrl}/api/requests/${requestId}/attachments`, { method: 'POST', headers, body: form });
    expect(res.status).toBe(201);
    const attachment = (await res.json()) as { id: string; downloadUrl: string };

    expect((await object(`attachments/${attachment.id}`))?.equals(PDF)).toBe(true);
    const [row] = await adminQuery<{ store: string; n: number }>(
      t.databaseUrl,
      'SELECT a.store, (SELECT count(*)::int FROM attachment_content c WHERE c.attachment_id = a.id) AS n FROM request_attachment a WHERE a.id = $1',
      [attachment.id],
    );
    expect(row).toEqual({ store: 's3', n: 0 });

    const download = await fetch(`${t.baseUrl}${attachment.downloadUrl}`, { headers });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const removed = await t.gql(REMOVE, { id: attachment.id, reason: 'Wrong file' }, headers);
    expect(removed.errors).toBeUndefined();
    expect(await object(`attachments/${attachment.id}`)).toBeUndefined();
    expect((await fetch(`${t.baseUrl}${attachment.downloadUrl}`, { headers })).status).toBe(404);

    // Uploads are limited by ATTACHMENT_MAX_BYTES (10 MB by default), not by BODY_LIMIT_BYTES (1 MB for JSON bodies).
    const big = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const bigForm = new FormData();
    bigForm.append('file', new Blob([big]), 'scanned-letter.pdf');
    const bigUpload = await fetch(`${t.baseUrl}/api/requests/${requestId}/attachments`, { method: 'POST', headers, body: bigForm });
    expect(bigUpload.status).toBe(201);
    expect(((await bigUpload.json()) as { size: number }).size).toBe(big.length);
  });
});
