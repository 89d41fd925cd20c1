import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF')]);

describe.each(TEST_DATABASES)('document attachments on %s', (kind) => {
  let api: TestApi;
  let dir: string;
  let mediator: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'balcao-attachments-'));
    api = await openTestApi(kind, { attachmentsDir: dir, attachmentMaxBytes: 10_000 });
    mediator = await api.signIn('mediador.lisboa');
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function documentId(): Promise<string> {
    const person = (await mediator.request('POST', '/api/persons', { fullName: 'Maria Aparecida da Silva', documents: [{ type: 'passport', number: 'GH445566' }] })).json().person;
    return person.documents[0].id;
  }

  const put = (id: string, type: string, body: Buffer, lang = 'en') =>
    api.app.inject({ method: 'PUT', url: `/api/documents/${id}/attachment`, headers: { cookie: mediator.cookie, 'x-csrf-token': mediator.csrfToken, 'content-type': type, 'accept-language': lang }, payload: body });

  it('stores a scan in the configured folder, serves it back, and audits both', async () => {
    const id = await documentId();
    const stored = await put(id, 'application/pdf', PDF);
    expect(stored.json()).toEqual({ documentId: id, type: 'application/pdf', size: PDF.length });
    expect(readdirSync(dir)).toHaveLength(1);
    const back = await mediator.request('GET', `/api/documents/${id}/attachment`);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(PDF)).toBe(true);
    const audit = await api.ctx.db.selectFrom('audit_entry').select('detail').where('detail', 'like', '%attachment%').execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses the wrong type, a file that lies about its type, and one over the size limit — saving nothing', async () => {
    const id = await documentId();
    expect((await put(id, 'text/html', Buffer.from('<script>'))).statusCode).toBe(415);
    const lying = await put(id, 'application/pdf', Buffer.from('MZ not a pdf at all'), 'pt-PT');
    expect(lying.statusCode).toBe(400);
    expect(lying.json().error.message).toMatch(/não é do tipo que indica/);
    expect((await put(id, 'image/png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20_000)]))).statusCode).toBe(413);
    expect(readdirSync(dir)).toHaveLength(0);
    expect((await mediator.request('GET', `/api/documents/${id}/attachment`)).statusCode).toBe(404);
  });
});
