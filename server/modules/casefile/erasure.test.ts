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

  it("shows the DPO each section's retention rule and whether it must be kept, before erasing; counts only, audited", async () => {
    const id = await person();
    const juridico = await api.signIn('juridico.lisboa');
    const legal = (await juridico.request('POST', `/api/persons/${id}/cases`, { title: 'Recurso de indeferimento' })).json();
    await juridico.request('POST', `/api/cases/${legal.id}/notes`, { body: 'Notas da consulta jurídica' });
    const aima = await api.signIn('aima.lisboa');
    const residence = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Autorização de residência' })).json();
    await aima.request('PATCH', `/api/cases/${residence.id}`, { status: 'closed' });
    await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: await api.partnerId('seguranca-social'), purpose: 'Prestação', basis: 'consent', consentGivenBy: 'O próprio', expiresAt: '2027-01-01T00:00:00Z' });
    const [aimaId, juridicoId] = [await api.partnerId('aima'), await api.partnerId('apoio-juridico')];

    const dpo = await api.signIn('auditor');
    const plan = (await dpo.request('GET', `/api/persons/${id}/erasure-plan`)).json();
    expect(plan).toMatchObject({ personId: id, fullName: 'Amadou Baldé', anonymised: false, canAnonymise: false });
    const byPartner = Object.fromEntries(plan.sections.map((s: { partnerId: string }) => [s.partnerId, s]));
    expect(byPartner[aimaId]).toMatchObject({ retentionYears: 10, retentionBasis: expect.stringMatching(/Lei n\.º 23\/2007/), cases: 1, openCases: 0, liveReferrals: 1, mustKeep: true, erasedAutomaticallyOn: '2036-11-22' });
    expect(byPartner[juridicoId]).toMatchObject({ retentionYears: 5, retentionBasis: null, cases: 1, openCases: 1, mustKeep: false, erasedAutomaticallyOn: null });
    expect(JSON.stringify(plan)).not.toMatch(/Recurso|Notas da consulta|Autorização de residência/);
    const audited = await api.ctx.db.selectFrom('audit_entry').select(['action', 'section', 'purpose', 'detail']).where('person_id', '=', id).where('detail', 'like', '%erasure-plan%').execute();
    expect(audited.map((a) => [a.action, a.section, a.purpose])).toEqual([['read', 'audit', 'data_subject_request']]);
    for (const username of ['aima.lisboa', 'mediador.lisboa', 'admin']) expect((await (await api.signIn(username)).request('GET', `/api/persons/${id}/erasure-plan`)).statusCode, username).toBe(403);

    await dpo.request('POST', `/api/persons/${id}/sections/${juridicoId}/erase`, { reason: 'Pedido do titular n.º 2026/114' });
    const after = (await dpo.request('GET', `/api/persons/${id}/erasure-plan`)).json();
    expect(after.sections.find((s: { partnerId: string }) => s.partnerId === juridicoId)).toMatchObject({ cases: 0, erasedCases: 1, mustKeep: false });
    expect(after.canAnonymise).toBe(false);
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
    // Only an empty shell is left of AIMA's section: nothing is kept by law any more.
    const plan = (await dpo.request('GET', `/api/persons/${id}/erasure-plan`)).json();
    expect(plan.sections[0]).toMatchObject({ cases: 0, erasedCases: 1, mustKeep: false });
    expect(plan.canAnonymise).toBe(true);
    expect((await dpo.request('POST', `/api/persons/${id}/sections/${await api.partnerId('aima')}/erase`, { reason: 'Pedido do titular n.º 2037/7' })).json()).toMatchObject({ erasedCases: 0 });
    expect((await dpo.request('POST', `/api/persons/${id}/anonymise`, { reason: 'Pedido do titular n.º 2037/7' })).json()).toEqual({ personId: id, anonymised: true });
    expect((await dpo.request('GET', `/api/persons/${id}/erasure-plan`)).json()).toMatchObject({ fullName: '—', anonymised: true, canAnonymise: false });
    const mediator = await api.signIn('mediador.lisboa');
    const core = (await mediator.request('GET', `/api/persons/${id}`)).json();
    expect(core).toMatchObject({ fullName: '—', birthDate: null, documents: [], contacts: {} });
    expect((await mediator.request('GET', '/api/persons?q=Amadou%20Balde')).json().items).toEqual([]);
    expect(await verifyAuditChain(api.ctx.db)).toMatchObject({ ok: true });
  });
});
