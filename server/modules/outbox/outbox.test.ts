import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { TEST_DATABASES, openTestDb, type TestDb } from '../../test-support/db.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import type { AppContext } from '../../context.ts';
import { cancelMessages, enqueueMessage, messagesAbout } from './outbox.ts';
import { sendDueMessages, purgeOldMessages } from './worker.ts';
import { PermanentSendError, sendersFromConfig, type MessageSender, type OutgoingMessage, type Senders } from './senders.ts';

const quietLog = { info: () => {} };

function recordingSenders(behaviour: (m: OutgoingMessage) => Promise<void> = async () => {}): Senders & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  const sender: MessageSender = {
    name: 'recording',
    async send(m) {
      await behaviour(m);
      sent.push(m);
    },
  };
  return { email: sender, sms: sender, push: sender, sent };
}

const row = (db: TestDb, id: string) => db.ctx.db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe.each(TEST_DATABASES)('outbox on %s', (kind) => {
  let db: TestDb;
  const start = new Date('2026-12-05T10:00:00Z');
  beforeEach(async () => {
    db = await openTestDb(kind);
    db.setNow(start);
  });
  afterEach(async () => db.close());

  it('delivers an e-mail with its attachment to a real SMTP server, then forgets the body and address', async () => {
    const received: ParsedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const id = await enqueueMessage(db.ctx.db, {
        channel: 'email',
        to: 'olena@example.org',
        locale: 'uk',
        kind: 'test',
        subject: 'Ваш запис',
        text: 'Доброго дня, Олено!',
        html: '<p>Доброго дня, Олено!</p>',
        attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
        relatesTo: { type: 'booking', id: 'b1' },
        at: start,
      });
      const senders = sendersFromConfig({ ...db.ctx.config.messages, smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Balcão <balcao@example.org>' }, quietLog);
      expect(senders.email.name).toBe('smtp');
      expect(await sendDueMessages(db.ctx, senders)).toMatchObject({ claimed: 1, sent: 1 });
      expect(received).toHaveLength(1);
      const mail = received[0]!;
      expect(mail.subject).toBe('Ваш запис');
      expect(mail.text?.trim()).toBe('Доброго дня, Олено!');
      expect(mail.from?.text).toContain('balcao@example.org');
      expect(mail.headers.get('content-language')).toBe('uk');
      expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString('utf8')])).toEqual([['invite.ics', 'text/calendar', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n']]);
      const stored = await row(db, id!);
      expect(stored).toMatchObject({ status: 'sent', recipient: null, body_text: null, body_html: null, attachments: null, subject: null, recipient_hint: 'o•••@example.org', attempts: 1 });
      expect(await messagesAbout(db.ctx.db, { type: 'booking', id: 'b1' })).toMatchObject([{ id, status: 'sent', recipient: 'o•••@example.org', sentAt: start.toISOString() }]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('retries a failed send with a doubling delay, keeps the last error, gives up after the last try', async () => {
    db.ctx.config.messages = { ...db.ctx.config.messages, maxAttempts: 3, retryBaseSeconds: 30 };
    let failures = 0;
    const flaky = recordingSenders(async () => {
      failures++;
      throw new Error(`provider down (${failures})`);
    });
    const id = (await enqueueMessage(db.ctx.db, { channel: 'sms', to: '+351 912 345 678', locale: 'pt-PT', kind: 'test', text: 'Olá', at: start }))!;
    expect(await sendDueMessages(db.ctx, flaky)).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row(db, id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'provider down (1)', next_attempt_at: '2026-12-05T10:00:30.000Z', recipient: '+351912345678' });
    // Not due yet: nothing is claimed.
    expect((await sendDueMessages(db.ctx, flaky)).claimed).toBe(0);
    db.setNow(new Date('2026-12-05T10:00:30Z'));
    await sendDueMessages(db.ctx, flaky);
    expect(await row(db, id)).toMatchObject({ status: 'queued', attempts: 2, last_error: 'provider down (2)', next_attempt_at: '2026-12-05T10:01:30.000Z' });
    db.setNow(new Date('2026-12-05T10:01:30Z'));
    expect(await sendDueMessages(db.ctx, flaky)).toMatchObject({ failed: 1 });
    expect(await row(db, id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'provider down (3)', recipient: null, body_text: null });
    db.setNow(new Date('2026-12-05T12:00:00Z'));
    expect((await sendDueMessages(db.ctx, flaky)).claimed).toBe(0);

    // A send that succeeds after a failure is sent once.
    let first = true;
    const recovering = recordingSenders(async () => {
      if (first) {
        first = false;
        throw new Error('timeout talking to gateway');
      }
    });
    const id2 = (await enqueueMessage(db.ctx.db, { channel: 'email', to: 'a@example.org', locale: 'en', kind: 'test', text: 'Hi', at: db.ctx.now() }))!;
    await sendDueMessages(db.ctx, recovering);
    db.setNow(new Date('2026-12-05T12:01:00Z'));
    await sendDueMessages(db.ctx, recovering);
    expect(recovering.sent.map((m) => m.id)).toEqual([id2]);
    expect(await row(db, id2)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('gives up at once on a permanent failure, and counts a send past the timeout as failed', async () => {
    db.ctx.config.messages = { ...db.ctx.config.messages, sendTimeoutMs: 50 };
    const gone = recordingSenders(async () => {
      throw new PermanentSendError('push service answered 410');
    });
    const sub = JSON.stringify({ endpoint: 'https://push.example.org/s/1', keys: { p256dh: 'p', auth: 'a' } });
    const id = (await enqueueMessage(db.ctx.db, { channel: 'push', to: sub, locale: 'en', kind: 'test', text: 'Hi', at: start }))!;
    await sendDueMessages(db.ctx, gone);
    expect(await row(db, id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'push service answered 410', recipient_hint: 'push: push.example.org' });

    let aborted = false;
    const hanging = recordingSenders(() => new Promise<void>(() => {}));
    hanging.email = {
      name: 'hanging',
      send: (_m, signal) =>
        new Promise<void>(() => {
          signal.addEventListener('abort', () => (aborted = true));
        }),
    };
    const id2 = (await enqueueMessage(db.ctx.db, { channel: 'email', to: 'a@example.org', locale: 'en', kind: 'test', text: 'Hi', at: start }))!;
    expect(await sendDueMessages(db.ctx, hanging)).toMatchObject({ retried: 1 });
    expect(aborted).toBe(true);
    expect(await row(db, id2)).toMatchObject({ status: 'queued', last_error: 'send timed out after 50 ms' });
  });

  it('refuses a recipient that cannot be one, enqueues a dedupe key once, cancels and purges', async () => {
    await expect(enqueueMessage(db.ctx.db, { channel: 'email', to: 'not-an-address', locale: 'en', kind: 'test', text: 'x' })).rejects.toMatchObject({ status: 400, code: 'invalid_recipient' });
    await expect(enqueueMessage(db.ctx.db, { channel: 'sms', to: '12', locale: 'en', kind: 'test', text: 'x' })).rejects.toMatchObject({ status: 400 });
    const input = { channel: 'sms' as const, to: '+351912345678', locale: 'en', kind: 'reminder', text: 'x', dedupeKey: 'reminder:doc1:2026-12-05', relatesTo: { type: 'ticket', id: 't1' }, at: start };
    const first = await enqueueMessage(db.ctx.db, input);
    expect(first).not.toBeNull();
    expect(await enqueueMessage(db.ctx.db, input)).toBeNull();
    // Inside a transaction that rolls back, nothing is enqueued.
    await expect(
      db.ctx.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, { ...input, dedupeKey: 'other' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.ctx.db.selectFrom('outbox_message').select('id').execute()).toHaveLength(1);
    expect(await cancelMessages(db.ctx.db, { type: 'ticket', ids: ['t1'] }, { at: start })).toBe(1);
    expect(await row(db, first!)).toMatchObject({ status: 'cancelled', recipient: null, body_text: null });
    expect((await sendDueMessages(db.ctx, recordingSenders())).claimed).toBe(0);
    db.setNow(new Date(start.getTime() + (db.ctx.config.messages.retentionDays + 1) * 86_400_000));
    expect(await purgeOldMessages(db.ctx)).toBe(1);
  });

  it('two app instances on one database send every message exactly once', async () => {
    // A second node: its own connection pool to the same database (schema or file).
    let second: DatabaseHandle;
    if (kind === 'postgres') {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db.ctx.db)).rows[0]!.s;
      second = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, schema, poolSize: 5 });
    } else {
      const file = (await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db.ctx.db)).rows[0]!.file;
      second = openDatabase({ sqlitePath: file });
    }
    try {
      const other: AppContext = { ...db.ctx, db: second.db, dbKind: second.kind };
      const ids: string[] = [];
      for (let i = 0; i < 70; i++) ids.push((await enqueueMessage(db.ctx.db, { channel: 'sms', to: `+3519100000${String(i).padStart(2, '0')}`, locale: 'en', kind: 'test', text: `m${i}`, at: start }))!);
      const sentBy = new Map<string, string[]>();
      const sendersOf = (node: string): Senders => {
        const s: MessageSender = {
          name: node,
          async send(m) {
            // Yield so the two nodes' passes interleave.
            await new Promise((r) => setImmediate(r));
            sentBy.set(m.id, [...(sentBy.get(m.id) ?? []), node]);
          },
        };
        return { email: s, sms: s, push: s };
      };
      const drain = async (ctx: AppContext, node: string) => {
        while ((await sendDueMessages(ctx, sendersOf(node))).claimed > 0);
      };
      await Promise.all([drain(db.ctx, 'a'), drain(other, 'b'), drain(db.ctx, 'a2'), drain(other, 'b2')]);
      expect([...sentBy.keys()].sort()).toEqual([...ids].sort());
      expect([...sentBy.values()].filter((nodes) => nodes.length !== 1)).toEqual([]);
      const states = await db.ctx.db.selectFrom('outbox_message').select(['status', 'attempts']).execute();
      expect(states.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('takes over a message whose sender died mid-send once its lease has run out', async () => {
    const id = (await enqueueMessage(db.ctx.db, { channel: 'email', to: 'a@example.org', locale: 'en', kind: 'test', text: 'Hi', at: start }))!;
    // A node claims it and dies (its send never ends, nothing is recorded).
    const claimedRows = await db.ctx.db
      .updateTable('outbox_message')
      .set({ status: 'sending', claim_token: 'dead-node', attempts: 1, lease_until: '2026-12-05T10:01:10.000Z' })
      .where('id', '=', id)
      .executeTakeFirst();
    expect(Number(claimedRows.numUpdatedRows)).toBe(1);
    const senders = recordingSenders();
    expect((await sendDueMessages(db.ctx, senders)).claimed).toBe(0);
    db.setNow(new Date('2026-12-05T10:01:11Z'));
    expect(await sendDueMessages(db.ctx, senders)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
