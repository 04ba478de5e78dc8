import { ApiKeyScope, Role } from '../src/common/auth/role.js';
import { actors, type Actors, type Headers } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { makeOffering, SUBMIT, submitInput } from './support/requests.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

// Issue #16 item 4: attachments on requests and comments, through the multipart route, with the request's rules.
let t: TestApp;
let a: Actors;
beforeAll(async () => {
  t = await startTestApp({ env: { SEED_ON_START: 'true', SEED_SAMPLE_CATALOGUE: 'false', ATTACHMENT_MAX_BYTES: '4096', ATTACHMENT_MAX_PER_REQUEST: '3' } });
  a = actors(t);
});
afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// An executable renamed .pdf: an ELF header.
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 1)]);

async function upload(requestId: string, headers: Headers, file: Buffer, name: string, fields: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file], { type: 'application/pdf' }), name);
  const res = await fetch(`${t.baseUrl}/api/requests/${requestId}/attachments`, { method: 'POST', headers, body: form });
  return { status: res.status, body: await res.json() };
}

const ATTACHMENTS = graphql(`query Attachments($id: ID!) { request(id: $id) {
  attachments { id fileName contentType size personalData internal commentId downloadUrl uploadedBy { id } }
  comments { id attachments { id fileName } }
  timeline { type reason internal attachment { id fileName removedAt } }
} }`);
const COMMENT = graphql('mutation C($input: AddCommentInput!) { addComment(input: $input) { id } }');
const REMOVE = graphql('mutation R($id: ID!, $reason: String) { removeAttachment(id: $id, reason: $reason) { id removedAt downloadUrl } }');

async function submitted(partner: string): Promise<{ id: string; headers: Headers }> {
  const offering = await makeOffering(t, { owningSectionCode: 'CTS' });
  const headers = await a.asPartner(partner);
  const res = await t.gql(SUBMIT, { input: submitInput(offering.id) }, headers);
  expect(res.errors).toBeUndefined();
  return { id: res.data!.submitRequest.request.id, headers };
}

describe('attachments', () => {
  it('uploads a PDF, lists it, serves it as an attachment with its stored type and no sniffing, and records it', async () => {
    const { id, headers } = await submitted('GEO');
    const up = await upload(id, headers, PDF, 'nomination letter.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: 'nomination letter.pdf', contentType: 'application/pdf', size: PDF.length, personalData: false, downloadUrl: `/api/attachments/${up.body.id}` });

    const staff = await a.asStaff('CTS');
    const read = await t.gql(ATTACHMENTS, { id }, staff);
    expect(read.data!.request!.attachments).toEqual([expect.objectContaining({ id: up.body.id, fileName: 'nomination letter.pdf', contentType: 'application/pdf', uploadedBy: expect.objectContaining({ id: expect.any(String) }) })]);
    expect(read.data!.request!.timeline.find((e) => e.type === 'ATTACHMENT_ADDED')!.attachment).toMatchObject({ id: up.body.id, removedAt: null });

    const res = await fetch(`${t.baseUrl}${up.body.downloadUrl}`, { headers: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="nomination letter.pdf"; filename*=UTF-8''nomination%20letter.pdf`);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);

    const [audit] = await adminQuery<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'request.attachment.add' AND target_id = $1`, [id]);
    expect(audit!.n).toBe(1);
  });

  it('decides the type by the content, not the name, and enforces the size and count limits with messages to act on', async () => {
    const { id, headers } = await submitted('GEO');
    const disguised = await upload(id, headers, ELF, 'cv.pdf');
    expect(disguised.status).toBe(400);
    expect(disguised.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(disguised.body.errors[0].message).toMatch(/^This file is a ELF file, whatever its name says; attach PDF, PNG, JPEG, Word \(DOCX\), Excel \(XLSX\), plain text\.$/);

    // A PNG named .txt is served as a PNG.
    const png = await upload(id, headers, PNG, 'notes.txt');
    expect(png.body).toMatchObject({ contentType: 'image/png' });
    const text = await upload(id, headers, Buffer.from('Liste des participants : Nino, Giorgi\n'), 'participants.txt');
    expect(text.body).toMatchObject({ contentType: 'text/plain; charset=utf-8' });

    const big = await upload(id, headers, Buffer.concat([PDF, Buffer.alloc(5000, 0x20)]), 'big.pdf');
    expect(big.status).toBe(400);
    expect(big.body.errors[0].message).toBe('The file is larger than the limit of 4 KB.');

    await upload(id, headers, PDF, 'third.pdf');
    const fourth = await upload(id, headers, PDF, 'fourth.pdf');
    expect(fourth.status).toBe(400);
    expect(fourth.body.errors[0].message).toMatch(/already has 3 attachments, the most allowed; remove one first\.$/);
  });

  it("keeps another partner's, an unauthenticated caller's and a wrong id's hands off: NOT_FOUND and UNAUTHENTICATED", async () => {
    const { id, headers } = await submitted('GEO');
    const up = await upload(id, headers, PDF, 'letter.pdf');
    const other = await a.asPartner('JOR');
    expect((await upload(id, other, PDF, 'x.pdf')).status).toBe(404);
    const res = await fetch(`${t.baseUrl}/api/attachments/${up.body.id}`, { headers: other });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0]).toMatchObject({ message: 'Attachment was not found, or you do not have access to it.', extensions: { code: 'NOT_FOUND' } });
    const anonymous = await fetch(`${t.baseUrl}/api/attachments/${up.body.id}`);
    expect(anonymous.status).toBe(401);
    const notMultipart = await fetch(`${t.baseUrl}/api/requests/${id}/attachments`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    expect(notMultipart.status).toBe(400);
  });

  it("shows nominees' documents only to those responsible for the people (not administrators), and audits each download", async () => {
    const { id, headers } = await submitted('GEO');
    const cv = await upload(id, headers, PDF, 'Nino Beridze CV.pdf', { personalData: 'true' });
    expect(cv.status).toBe(201);
    expect(cv.body.personalData).toBe(true);

    const admin = await a.asAdmin();
    const asAdmin = await t.gql(ATTACHMENTS, { id }, admin);
    expect(asAdmin.data!.request!.attachments).toEqual([]);
    expect(asAdmin.data!.request!.timeline.find((e) => e.type === 'ATTACHMENT_ADDED')!.attachment).toBeNull();
    expect((await fetch(`${t.baseUrl}/api/attachments/${cv.body.id}`, { headers: admin })).status).toBe(404);

    // A section-scoped key without the personal-data grant does not see it either; the routed section's staff do.
    const key = await a.asApiKey(ApiKeyScope.SECTION, { sectionCode: 'CTS' });
    expect((await t.gql(ATTACHMENTS, { id }, key)).data!.request!.attachments).toEqual([]);
    const staff = await a.asStaff('CTS');
    expect((await t.gql(ATTACHMENTS, { id }, staff)).data!.request!.attachments.map((x) => x.id)).toEqual([cv.body.id]);
    expect((await fetch(`${t.baseUrl}/api/attachments/${cv.body.id}`, { headers: staff })).status).toBe(200);
    const [reads] = await adminQuery<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'request.attachment.read' AND target_id = $1`, [cv.body.id]);
    expect(reads!.n).toBe(1);

    // Administrators neither submit nor triage: they attach nothing. Staff of another section do not reach the request.
    const byAdmin = await upload(id, admin, PDF, 'x.pdf');
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const staffOther = await a.user({ role: Role.SECTION_STAFF, sectionCodes: ['PASP_DESK_SOUTH'] });
    expect((await upload(id, staffOther.headers, PDF, 'x.pdf', { personalData: 'true' })).status).toBe(404);
  });

  it("writes an authorization.denied row naming the route and the actor when a file route refuses (another partner's download and upload, an anonymous caller), as a refused mutation does", async () => {
    const denials = (actorId: string | null, since: number) =>
      adminQuery<{ actor_kind: string; actor_id: string | null; target_type: string | null; details: Record<string, unknown>; ip: string; request_id: string }>(
        t.databaseUrl,
        "SELECT actor_kind, actor_id, target_type, details, ip, request_id FROM audit_event WHERE action = 'authorization.denied' AND actor_id IS NOT DISTINCT FROM $1 AND id > $2 ORDER BY id",
        [actorId, since],
      );
    const [{ last }] = await adminQuery<{ last: number }>(t.databaseUrl, 'SELECT coalesce(max(id), 0)::int AS last FROM audit_event');
    const { id, headers } = await submitted('GEO');
    const up = await upload(id, headers, PDF, 'letter.pdf');
    expect(up.status).toBe(201);
    const jordan = await a.user({ role: Role.PARTNER_LIAISON, partnerCode: 'JOR' });
    const download = await fetch(`${t.baseUrl}/api/attachments/${up.body.id}`, { headers: jordan.headers });
    expect(download.status).toBe(404);
    expect((await upload(id, jordan.headers, PDF, 'x.pdf')).status).toBe(404);
    expect(await denials(jordan.id, last!)).toEqual([
      { actor_kind: 'user', actor_id: jordan.id, target_type: null, details: { operation: 'GET /api/attachments/:id', code: 'NOT_FOUND' }, ip: '127.0.0.1', request_id: download.headers.get('x-request-id') },
      expect.objectContaining({ actor_id: jordan.id, details: { operation: 'POST /api/requests/:id/attachments', code: 'NOT_FOUND' } }),
    ]);
    const anonymous = await fetch(`${t.baseUrl}/api/attachments/${up.body.id}`);
    expect(anonymous.status).toBe(401);
    expect((await denials(null, last!)).map((r) => [r.actor_kind, r.details])).toEqual([['anonymous', { operation: 'GET /api/attachments/:id', code: 'UNAUTHENTICATED' }]]);
    // The owner's own download and a refused upload for a bad body are not refusals of access.
    expect((await fetch(`${t.baseUrl}/api/attachments/${up.body.id}`, { headers })).status).toBe(200);
    const notMultipart = await fetch(`${t.baseUrl}/api/requests/${id}/attachments`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    expect(notMultipart.status).toBe(400);
    const [{ n }] = await adminQuery<{ n: number }>(t.databaseUrl, "SELECT count(*)::int AS n FROM audit_event WHERE action = 'authorization.denied' AND id > $1", [last]);
    expect(n).toBe(3);
  });

  it('attaches to a comment (internal notes: staff only), and removal is on the timeline with its reason, audited, content gone', async () => {
    const { id, headers } = await submitted('GEO');
    const staff = await a.asStaff('CTS');
    const note = await t.gql(COMMENT, { input: { requestId: id, body: 'Internal assessment attached', internal: true } }, staff);
    const onNote = await upload(id, staff, PDF, 'assessment.pdf', { commentId: note.data!.addComment.id });
    expect(onNote.body).toMatchObject({ internal: true, commentId: note.data!.addComment.id });
    // The partner does not see the internal note's file, nor its timeline entry.
    const partnerView = await t.gql(ATTACHMENTS, { id }, headers);
    expect(partnerView.data!.request!.attachments).toEqual([]);
    expect(partnerView.data!.request!.timeline.filter((e) => e.type === 'ATTACHMENT_ADDED')).toEqual([]);
    expect((await fetch(`${t.baseUrl}/api/attachments/${onNote.body.id}`, { headers })).status).toBe(404);
    // Only a comment's author attaches to it.
    expect((await upload(id, headers, PDF, 'x.pdf', { commentId: note.data!.addComment.id })).status).toBe(404);

    const mine = await upload(id, headers, PDF, 'letter.pdf');
    const staffView = await t.gql(ATTACHMENTS, { id }, staff);
    expect(staffView.data!.request!.comments.find((c) => c.id === note.data!.addComment.id)!.attachments.map((x) => x.fileName)).toEqual(['assessment.pdf']);

    // The partner cannot remove staff's file; staff can remove the partner's.
    const forbidden = await t.gql(REMOVE, { id: onNote.body.id }, headers);
    expect(forbidden.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const removed = await t.gql(REMOVE, { id: mine.body.id, reason: 'Sent twice' }, staff);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeAttachment).toMatchObject({ id: mine.body.id, downloadUrl: null, removedAt: expect.any(String) });
    const after = await t.gql(ATTACHMENTS, { id }, headers);
    expect(after.data!.request!.attachments).toEqual([]);
    expect(after.data!.request!.timeline.find((e) => e.type === 'ATTACHMENT_REMOVED')).toMatchObject({ reason: 'Sent twice', attachment: { id: mine.body.id, fileName: 'letter.pdf' } });
    expect((await fetch(`${t.baseUrl}/api/attachments/${mine.body.id}`, { headers })).status).toBe(404);
    const [left] = await adminQuery<{ n: number }>(t.databaseUrl, 'SELECT count(*)::int AS n FROM attachment_content WHERE attachment_id = $1', [mine.body.id]);
    expect(left!.n).toBe(0);
    const [audit] = await adminQuery<{ n: number }>(t.databaseUrl, `SELECT count(*)::int AS n FROM audit_event WHERE action = 'request.attachment.remove' AND target_id = $1`, [id]);
    expect(audit!.n).toBe(1);
  });
});
