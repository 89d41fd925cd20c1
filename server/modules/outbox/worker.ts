import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { retryDelaySeconds, type MessageChannel } from '../../../core/messages/messages.ts';
import * as store from './store.ts';
import { forgetAlertsOfEndedVisits } from '../turn-alerts/service.ts';
import { PermanentSendError, type OutgoingMessage, type Senders } from './senders.ts';

/** Messages claimed per pass; each is sent concurrently with its own timeout. */
const BATCH = 20;
/** A claim outlives the send timeout by this much before another node may take the message over. */
const LEASE_MARGIN_MS = 60_000;

export interface PassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

function decode(row: store.MessageRow): OutgoingMessage {
  const attachments = row.attachments ? (JSON.parse(row.attachments) as { filename: string; contentType: string; content: string }[]) : [];
  return {
    id: row.id,
    channel: row.channel as MessageChannel,
    to: row.recipient ?? '',
    locale: row.locale,
    kind: row.kind,
    subject: row.subject,
    text: row.body_text ?? '',
    html: row.body_html,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
  };
}

/** Runs `send`, giving up (and aborting it) after `ms`. */
async function withTimeout(ms: number, send: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`send timed out after ${ms} ms`));
    }, ms);
  });
  try {
    await Promise.race([send(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.slice(0, 500);
}

/**
 * One pass of the sending job: claims the due messages, sends each (concurrently, each within the
 * send timeout), and records the outcome — sent (bodies cleared), retried later with a doubling
 * delay, or given up after MESSAGE_MAX_ATTEMPTS tries with the last error kept.
 */
export async function sendDueMessages(ctx: AppContext, senders: Senders): Promise<PassResult> {
  const cfg = ctx.config.messages;
  const now = ctx.now();
  const token = randomUUID();
  const claimed = await store.claimDue(ctx.db, ctx.dbKind, {
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + cfg.sendTimeoutMs + LEASE_MARGIN_MS).toISOString(),
    token,
    limit: BATCH,
  });
  const result: PassResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const sender = senders[row.channel as MessageChannel];
      try {
        if (!sender) throw new PermanentSendError(`no sender for channel ${row.channel}`);
        if (row.recipient === null) throw new PermanentSendError('recipient already erased');
        const message = decode(row);
        await withTimeout(cfg.sendTimeoutMs, (signal) => sender.send(message, signal));
        await store.markSent(ctx.db, row.id, token, ctx.now().toISOString());
        result.sent++;
      } catch (err) {
        const at = ctx.now();
        if (err instanceof PermanentSendError || row.attempts >= cfg.maxAttempts) {
          await store.markFailed(ctx.db, row.id, token, { at: at.toISOString(), error: errorText(err) });
          result.failed++;
        } else {
          const nextAttemptAt = new Date(at.getTime() + retryDelaySeconds(row.attempts, cfg.retryBaseSeconds) * 1000).toISOString();
          await store.markRetry(ctx.db, row.id, token, { at: at.toISOString(), nextAttemptAt, error: errorText(err) });
          result.retried++;
        }
      }
    }),
  );
  return result;
}

/** Deletes message rows past the retention period (their bodies went when they were sent). */
export async function purgeOldMessages(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.now().getTime() - ctx.config.messages.retentionDays * 86_400_000).toISOString();
  return store.deleteOlderThan(ctx.db, before);
}

export interface OutboxJob {
  /** Look for due messages now rather than at the next poll. */
  wake(): void;
  /** Stops polling and waits for the pass in flight (bounded by the send timeout). */
  stop(): Promise<void>;
}

export interface JobLog {
  error(obj: object, msg: string): void;
}

/**
 * The sending job of one server node: a pass every MESSAGE_POLL_MS, one at a time, entirely
 * outside the request path (a request only writes the message row). Several nodes may run it on
 * one PostgreSQL database: claims keep them from sending a message twice.
 */
export function startOutboxJob(ctx: AppContext, senders: Senders, log: JobLog): OutboxJob {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastPurge = 0;
  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        // Keep going while passes are full: a backlog drains without waiting for the next poll.
        while ((await sendDueMessages(ctx, senders)).claimed === BATCH && !stopped);
        if (Date.now() - lastPurge > 3600_000) {
          lastPurge = Date.now();
          await purgeOldMessages(ctx);
          // Numbers left by visits that ended without passing a counter (a day closed): forgotten.
          await forgetAlertsOfEndedVisits(ctx.db);
        }
      } catch (err) {
        log.error({ err }, 'outbox pass failed');
      } finally {
        running = null;
        if (again && !stopped) {
          again = false;
          pass();
        }
      }
    })();
  };
  const timer = setInterval(pass, ctx.config.messages.pollMs);
  timer.unref();
  return {
    wake: pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
