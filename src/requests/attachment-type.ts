import { fileTypeFromBuffer } from 'file-type';

/** The kinds of file an attachment may be (ATTACHMENT_TYPES names a subset), each with the content type it is served as. */
export const ATTACHMENT_KINDS: Readonly<Record<string, { contentType: string; label: string }>> = {
  pdf: { contentType: 'application/pdf', label: 'PDF' },
  png: { contentType: 'image/png', label: 'PNG' },
  jpg: { contentType: 'image/jpeg', label: 'JPEG' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)' },
  txt: { contentType: 'text/plain; charset=utf-8', label: 'plain text' },
};

/**
 * What a file is, from its content alone (file-type reads the magic bytes; DOCX and XLSX by their ZIP entries),
 * never from its name or the client's Content-Type. Plain text has no magic: a file file-type does not know is
 * text when it is valid UTF-8 without control characters other than tab, line breaks and form feed.
 */
export async function detectKind(bytes: Buffer): Promise<{ kind: string; known: boolean }> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return { kind: detected.ext, known: detected.ext in ATTACHMENT_KINDS };
  return isPlainText(bytes) ? { kind: 'txt', known: true } : { kind: 'unknown', known: false };
}

function isPlainText(bytes: Buffer): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(bytes.toString('latin1'))) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
