import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type TestApi } from '../../test-support/api.ts';
import { verifyAuditChain } from '../../access/audit.ts';
import { runRetention } from './erasure.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe.each(TEST_DATABASES)('erasure and retention on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(NOW);
  });
  afterEach(async () => api.close());

  async function person() {
    const mediator = await api.signIn('mediador.lisboa');
    return (await mediator.request('POST', '/api/persons', { fullName: 'Amadou Baldé', birthDate: '1995-01-20', documents: [{ type: 'passport', number: 'GW998877' }] })).json().person.id as string;
  }

  it('erases a support office section on request, but refuses a section kept by law and says why', async () => {
    const id = await person();
    const juridico = await api.signIn('juridico.lisboa');
    const legal = (await juridico.request('POST', `/api/persons/${id}/cases`, { title: 'Recurso de indeferimento' })).json();
    await juridico.request('POST', `/api/cases/${legal.id}/notes`, { body: 'Notas da consulta jurídica' });
    const aima = await api.signIn('aima.lisboa');
    await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Autorização de residência' });

    const dpo = await api.signIn('auditor');
    const erased = await dpo.request('POST', `/api/persons/${id}/sections/${await api.partnerId('apoio-juridico')}/erase`, { reason: 'Pedido do titular n.º 2026/114' });
    expect(erased.json()).toMatchObject({ erasedCases: 1 });
    const section = (await juridico.request('GET', `/api/persons/${id}/sections/${await api.partnerId('apoio-juridico')}`)).json();
    expect(section.cases[0]).toMatchObject({ title: '—', notes: [] });

    const kept = await dpo.request('POST', `/api/persons/${id}/sections/${await api.partnerId('aima')}/erase`, { reason: 'Pedido do titular n.º 2026/114' }, { 'accept-language': 'pt-PT' });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().error.message).toMatch(/tem de ser conservada por lei.*Lei n\.º 23\/2007/);
    const anonymise = await dpo.request('POST', `/api/persons/${id}/anonymise`, { reason: 'Pedido do titular n.º 2026/114' });
    expect(anonymise.statusCode).toBe(409);
    expect((await aima.request('POST', `/api/persons/${id}/anonymise`, { reason: 'not mine to do' })).statusCode).toBe(403);
  });

  it('erases closed cases after their retention period, then lets the core be anonymised', async () => {
    const id = await person();
    const aima = await api.signIn('aima.lisboa');
    const c = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Autorização de residência' })).json();
    await aima.request('POST', `/api/cases/${c.id}/notes`, { body: 'Decisão favorável' });
    await aima.request('PATCH', `/api/cases/${c.id}`, { status: 'closed' });

    api.setNow(new Date(NOW.getTime() + 9 * 365 * 86_400_000));
    expect(await runRetention(api.ctx)).toEqual({ erasedCases: 0 });
    api.setNow(new Date(NOW.getTime() + 11 * 365 * 86_400_000));
    expect(await runRetention(api.ctx)).toEqual({ erasedCases: 1 });
    const entry = await api.ctx.db.selectFrom('audit_entry').select(['actor_id', 'action', 'purpose']).where('person_id', '=', id).where('action', '=', 'erase').executeTakeFirstOrThrow();
    expect(entry).toEqual({ actor_id: 'system:retention', action: 'erase', purpose: 'retention' });

    const dpo = await api.signIn('auditor');
    expect((await dpo.request('POST', `/api/persons/${id}/anonymise`, { reason: 'Pedido do titular n.º 2037/7' })).json()).toEqual({ personId: id, anonymised: true });
    const mediator = await api.signIn('mediador.lisboa');
    const core = (await mediator.request('GET', `/api/persons/${id}`)).json();
    expect(core).toMatchObject({ fullName: '—', birthDate: null, documents: [], contacts: {} });
    expect((await mediator.request('GET', '/api/persons?q=Amadou%20Balde')).json().items).toEqual([]);
    expect(await verifyAuditChain(api.ctx.db)).toMatchObject({ ok: true });
  });
});
