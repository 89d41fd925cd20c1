import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { record, type Who } from './service.ts';
import * as store from './store.ts';

/** What may be attached to a document: scans and photos, checked by their first bytes too. */
export const ATTACHMENT_TYPES: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

export const attachmentsDir = (ctx: AppContext) => ctx.config.attachmentsDir;

/** Stores a scan of a document in the attachments folder under a random name; replaces any earlier one. */
export async function putAttachment(ctx: AppContext, who: Who, documentId: string, contentType: string, body: Buffer) {
  const doc = await store.findDocument(ctx.db, documentId);
  if (!doc) throw notFound('document_not_found');
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const check = ATTACHMENT_TYPES[type];
  if (!check) throw new AppError(415, 'attachment_type');
  if (body.length === 0 || !check(body)) throw new AppError(400, 'attachment_content');
  const dir = attachmentsDir(ctx);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = randomUUID();
  await writeFile(join(dir, name), body, { mode: 0o600 });
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await store.updateDocument(trx, documentId, { attachment_path: name, attachment_type: type, attachment_size: body.length });
      await record(ctx, who, 'write', doc.person_id, 'core', { what: 'attachment-stored', documentId, bytes: body.length }, trx);
    });
  } catch (err) {
    await rm(join(dir, name), { force: true });
    throw err;
  }
  if (doc.attachment_path) await rm(join(dir, doc.attachment_path), { force: true });
  return { documentId, type, size: body.length };
}

export async function getAttachment(ctx: AppContext, who: Who, documentId: string) {
  const doc = await store.findDocument(ctx.db, documentId);
  if (!doc || !doc.attachment_path) throw notFound('attachment_not_found');
  const body = await readFile(join(attachmentsDir(ctx), doc.attachment_path));
  await record(ctx, who, 'read', doc.person_id, 'core', { what: 'attachment', documentId });
  return { type: doc.attachment_type!, body };
}
