import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { TEST_DATABASES } from '../test-support/db.ts';
import { cookieFrom, openTestApi, type TestApi } from '../test-support/api.ts';
import type { App } from '../http/types.ts';

const MONDAY_10H = new Date('2026-11-23T10:00:00Z');

interface OpenStream {
  /** Everything received once the server has ended the stream, or null if it is still open after `timeoutMs`. */
  ended(timeoutMs?: number): Promise<string | null>;
  close(): void;
}

/** Opens an event stream on a listening server and waits until it has started (its first block). */
async function openStream(url: string, headers: Record<string, string> = {}): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const first = await reader.read();
  text += decoder.decode(first.value, { stream: true });
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) return text;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      return null; // aborted by us
    }
  })();
  return {
    // Waiting does not close the stream: it can be waited for again.
    async ended(timeoutMs = 3_000) {
      let timer: NodeJS.Timeout | undefined;
      const stillOpen = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
      const result = await Promise.race([done, stillOpen]);
      clearTimeout(timer);
      return result;
    },
    close: () => controller.abort(),
  };
}

/**
 * A live event stream is authorised for as long as it lives: it ends when its display is revoked
 * or its staff member signs out or is disabled, at once on the node where that happens and within
 * the re-check period on any other node; a phone's stream ends after the visit's day.
 */
describe.each(TEST_DATABASES)('event streams authorised while they live on %s', (kind) => {
  let api: TestApi;
  const extra: App[] = [];
  const streams: OpenStream[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    for (const a of extra.splice(0)) await a.close();
    await api.close();
  });

  async function setUp() {
    api = await openTestApi(kind);
    api.setNow(MONDAY_10H);
    const lisboa = await api.centreId('lisboa');
    const manager = await api.signIn('gestor.lisboa');
    const { device, pairingCode } = (await manager.request('POST', '/api/devices', { centreId: lisboa, kind: 'display', name: 'Sala' })).json();
    const display = cookieFrom(await api.anonymous.request('POST', '/api/device/pair', { code: pairingCode }));
    const base = await api.app.listen({ port: 0, host: '127.0.0.1' });
    return { lisboa, manager, display, deviceId: device.id as string, base };
  }

  /** A second node on the same database that re-checks its streams every 200 ms. */
  async function secondNode(): Promise<string> {
    const second = await buildApp({ ...api.ctx, bus: undefined }, { rateLimitPerMinute: 100_000, streamRecheckMs: 200, ...(kind === 'postgres' ? { postgresUrl: process.env.TEST_DATABASE_URL! } : {}) });
    extra.push(second);
    return second.listen({ port: 0, host: '127.0.0.1' });
  }

  const track = (s: OpenStream) => {
    streams.push(s);
    return s;
  };

  it('ends a display board stream as soon as the display is revoked, and refuses its reconnection', async () => {
    const { lisboa, manager, display, deviceId, base } = await setUp();
    const url = `${base}/api/centres/${lisboa}/events`;
    const board = track(await openStream(url, { cookie: display }));
    const other = track(await openStream(url, { cookie: manager.cookie }));
    expect((await manager.request('POST', `/api/devices/${deviceId}/revoke`)).statusCode).toBe(200);
    expect(await board.ended()).not.toBeNull();
    // Someone else's stream is untouched.
    expect(await other.ended(300)).toBeNull();
    const again = await fetch(url, { headers: { cookie: display } });
    expect(again.status).toBe(401);
  });

  it("ends a staff member's stream when they sign out, and when an administrator disables them", async () => {
    const { lisboa, base } = await setUp();
    const url = `${base}/api/centres/${lisboa}/events`;
    const mediator = await api.signIn('mediador.lisboa');
    const signedOut = track(await openStream(url, { cookie: mediator.cookie }));
    expect((await mediator.request('DELETE', '/api/session')).statusCode).toBe(204);
    expect(await signedOut.ended()).not.toBeNull();

    const officer = await api.signIn('aima.lisboa');
    const officerId = (await officer.request('GET', '/api/session')).json().user.id;
    const disabledStream = track(await openStream(url, { cookie: officer.cookie }));
    const admin = await api.signIn('admin');
    expect((await admin.request('POST', `/api/staff/${officerId}/disable`)).statusCode).toBe(200);
    expect(await disabledStream.ended()).not.toBeNull();
  });

  it('ends a stream on another node within its re-check period: revoked there, or moved to another centre', async () => {
    const { lisboa, manager, display, deviceId } = await setUp();
    const other = await secondNode();
    const board = track(await openStream(`${other}/api/centres/${lisboa}/events`, { cookie: display }));
    const mediator = await api.signIn('mediador.lisboa');
    const mediatorStream = track(await openStream(`${other}/api/centres/${lisboa}/events`, { cookie: mediator.cookie }));
    await manager.request('POST', `/api/devices/${deviceId}/revoke`); // on the first node
    expect(await board.ended()).not.toBeNull();
    expect(await mediatorStream.ended(500)).toBeNull();

    // An administrator gives the mediator another centre: Lisboa's events are no longer theirs.
    const porto = await api.centreId('porto');
    const mediatorId = (await mediator.request('GET', '/api/session')).json().user.id;
    const admin = await api.signIn('admin');
    expect((await admin.request('PATCH', `/api/staff/${mediatorId}`, { centreId: porto })).statusCode).toBe(200);
    expect(await mediatorStream.ended()).not.toBeNull();
  });

  it("ends a phone's stream after its visit's day", async () => {
    await setUp();
    const other = await secondNode();
    const mediator = await api.signIn('mediador.lisboa');
    const lisboa = await api.centreId('lisboa');
    const w = (await api.ctx.db.selectFrom('service').select('id').where('centre_id', '=', lisboa).where('ticket_prefix', '=', 'W').executeTakeFirstOrThrow()).id;
    const issued = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk' })).json();
    const phone = track(await openStream(`${other}/api/t/${issued.visit.publicToken}/events`));
    expect(await phone.ended(500)).toBeNull();
    api.setNow(new Date('2026-11-24T00:00:30Z'));
    expect(await phone.ended()).not.toBeNull();
    expect((await fetch(`${other}/api/t/${issued.visit.publicToken}/events`)).status).toBe(410);
  });
});
