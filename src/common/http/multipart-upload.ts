import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.js';

export interface Upload {
  fileName: string;
  bytes: Buffer;
  /** The form's text fields (any order around the file). */
  fields: Record<string, string>;
}

const MAX_FIELDS = 10;

/**
 * Reads a `multipart/form-data` body with one file part named `file` and a few text fields, holding at most
 * `maxBytes` of the file in memory (the parser stops reading past it). Every way a body can be wrong is a
 * BAD_USER_INPUT that says what to send instead.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw DomainError.badInput('Send the file as multipart/form-data, in a part named "file" (e.g. curl -F file=@letter.pdf).', 'file');
  }
  let upload: { fileName: string; bytes: Buffer } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: 10_000 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw DomainError.badInput(`Unexpected file part "${part.fieldname}": send the file in a part named "file".`, 'file');
        upload = { fileName: part.filename, bytes: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw DomainError.badInput(`The file is larger than the limit of ${formatBytes(maxBytes)}.`, 'file');
    if (code === 'FST_FILES_LIMIT') throw DomainError.badInput('Send one file per upload.', 'file');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw DomainError.badInput(`At most ${MAX_FIELDS} form fields besides the file.`, 'file');
    if (typeof code === 'string' && code.startsWith('FST_')) throw DomainError.badInput(`The multipart body could not be read (${(error as Error).message}); send it again.`, 'file');
    throw error;
  }
  if (!upload) throw DomainError.badInput('No file: send it in a part named "file".', 'file');
  if (upload.bytes.length === 0) throw DomainError.badInput('The file is empty.', 'file');
  return { ...upload, fields };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
