import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

describe.each(TEST_DATABASES)('network configuration on %s', (kind) => {
  let api: TestApi;
  let admin: Client;
  let portoId: string;
  beforeEach(async () => {
    api = await openTestApi(kind);
    admin = await api.signIn('admin');
    portoId = await api.centreId('porto');
  });
  afterEach(async () => api.close());

  async function portoDesk(partnerCode: string): Promise<string> {
    const partnerId = await api.partnerId(partnerCode);
    const desks = (await admin.request('GET', `/api/desks?centreId=${portoId}`)).json().items as { id: string; partnerId: string }[];
    return desks.find((d) => d.partnerId === partnerId)!.id;
  }

  it('seeds the CNAI preset: three centres, fifteen partners plus centre services, desks at each centre', async () => {
    const centres = (await admin.request('GET', '/api/centres')).json().items;
    expect(centres.map((c: { code: string }) => c.code).sort()).toEqual(['faro', 'lisboa', 'porto']);
    expect(centres[0]).toMatchObject({ timeZone: 'Europe/Lisbon', openingHours: { mon: [{ open: '08:00', close: '18:00' }], sun: [] } });
    const partners = (await admin.request('GET', '/api/partners')).json().items as { kind: string }[];
    expect(partners.filter((p) => p.kind === 'government_agency')).toHaveLength(6);
    expect(partners.filter((p) => p.kind === 'support_office')).toHaveLength(9);
    expect(partners.filter((p) => p.kind === 'centre_service')).toHaveLength(4);
    const porto = (await admin.request('GET', `/api/centres/${portoId}`)).json();
    expect(porto.desks).toHaveLength(19);
    expect(porto.services.map((s: { ticketPrefix: string }) => s.ticketPrefix)).toContain('A');
    expect(porto.counters.length).toBeGreaterThan(10);
  });

  it('lets the administrator add a service to Porto and a counter serving it, visible at once', async () => {
    const deskId = await portoDesk('habitacao');
    const service = await admin.request('POST', '/api/services', {
      deskId,
      code: 'housing-advice',
      name: { 'pt-PT': 'Aconselhamento habitacional', en: 'Housing advice' },
      ticketPrefix: 'X',
      expectedMinutes: 10,
      topics: ['housing'],
      languages: ['pt-PT', 'en', 'uk'],
    });
    expect(service.statusCode).toBe(201);
    expect(service.json()).toMatchObject({ centreId: portoId, ticketPrefix: 'X', partnerId: await api.partnerId('habitacao') });
    const counter = await admin.request('POST', '/api/counters', { centreId: portoId, number: 99, label: 'Sala 2', serviceIds: [service.json().id] });
    expect(counter.statusCode).toBe(201);
    const porto = (await admin.request('GET', `/api/centres/${portoId}`)).json();
    expect(porto.services.find((s: { code: string }) => s.code === 'housing-advice')).toBeDefined();
    expect(porto.counters.find((c: { number: number }) => c.number === 99)).toMatchObject({ serviceIds: [service.json().id], label: 'Sala 2' });
    // An officer sees the new configuration too, without any restart.
    const officer = await api.signIn('aima.lisboa');
    expect((await officer.request('GET', `/api/services?centreId=${portoId}`)).json().items.some((s: { code: string }) => s.code === 'housing-advice')).toBe(true);
  });

  it('explains bad input field by field, in the reader language, and saves nothing', async () => {
    const deskId = await portoDesk('habitacao');
    const duplicate = await admin.request(
      'POST',
      '/api/services',
      { deskId, code: 'dup', name: { en: 'Dup' }, ticketPrefix: 'A', expectedMinutes: 10, topics: [], languages: ['en'] },
      { 'accept-language': 'en' },
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields.ticketPrefix).toBe('Another service at this centre already uses this ticket prefix.');

    const invalid = await admin.request(
      'POST',
      '/api/services',
      { deskId, code: 'Bad Code', name: {}, ticketPrefix: 'abc', expectedMinutes: 0, topics: ['housing'], languages: [], isAdmin: true },
      { 'accept-language': 'pt-PT' },
    );
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().error.fields).sort()).toEqual(['code', 'expectedMinutes', 'isAdmin', 'languages', 'name', 'ticketPrefix']);
    expect(invalid.json().error.fields.isAdmin).toBe('Este campo não é aceite.');

    const unknownTopic = await admin.request('POST', '/api/services', { deskId, code: 'xy', name: { en: 'X' }, ticketPrefix: 'Y', expectedMinutes: 5, topics: ['astrology'], languages: ['en'] });
    expect(unknownTopic.json().error.fields.topics).toBeDefined();

    const lisbonService = (await admin.request('GET', `/api/services?centreId=${await api.centreId('lisboa')}`)).json().items[0].id;
    const crossCentre = await admin.request('POST', '/api/counters', { centreId: portoId, number: 98, serviceIds: [lisbonService] });
    expect(crossCentre.statusCode).toBe(400);
    expect(crossCentre.json().error.fields.serviceIds).toBeDefined();

    const badZone = await admin.request('PATCH', `/api/centres/${portoId}`, { timeZone: 'Europe/Oporto-ish' });
    expect(badZone.json().error.fields.timeZone).toBeDefined();

    const porto = (await admin.request('GET', `/api/centres/${portoId}`)).json();
    expect(porto.services.filter((s: { ticketPrefix: string }) => ['A', 'Y'].includes(s.ticketPrefix))).toHaveLength(1);
    expect(porto.counters.find((c: { number: number }) => c.number === 98)).toBeUndefined();
    expect(porto.centre.timeZone).toBe('Europe/Lisbon');
  });

  it('changes a counter and its services in one transaction', async () => {
    const porto = (await admin.request('GET', `/api/centres/${portoId}`)).json();
    const counter = porto.counters[0];
    const twoServices = porto.services.slice(0, 2).map((s: { id: string }) => s.id);
    const changed = await admin.request('PATCH', `/api/counters/${counter.id}`, { serviceIds: twoServices, label: 'Piso 1' });
    expect(changed.json()).toMatchObject({ serviceIds: expect.arrayContaining(twoServices), label: 'Piso 1' });
    const taken = await admin.request('PATCH', `/api/counters/${counter.id}`, { number: porto.counters[1].number, label: 'never saved' });
    expect(taken.statusCode).toBe(409);
    const after = (await admin.request('GET', `/api/counters?centreId=${portoId}`)).json().items.find((c: { id: string }) => c.id === counter.id);
    expect(after.label).toBe('Piso 1');
  });

  it('creates a centre and a desk, refusing a second desk for the same partner', async () => {
    const centre = await admin.request('POST', '/api/centres', {
      code: 'braga',
      name: 'CNAI Braga',
      address: 'Braga',
      timeZone: 'Europe/Lisbon',
      languages: ['pt-PT', 'en'],
      openingHours: { mon: [{ open: '09:00', close: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    });
    expect(centre.statusCode).toBe(201);
    const partnerId = await api.partnerId('aima');
    expect((await admin.request('POST', '/api/desks', { centreId: centre.json().id, partnerId })).statusCode).toBe(201);
    const again = await admin.request('POST', '/api/desks', { centreId: centre.json().id, partnerId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.partnerId).toBeDefined();
    const withId = await admin.request('POST', '/api/centres', { ...(centre.json() as object), code: 'braga-2' });
    expect(withId.statusCode).toBe(400);
    expect(withId.json().error.fields.id).toBeDefined();
  });

  it("carries each partner's retention rule: read by staff, changed by the administrator only, validated field by field, and it drives erasure", async () => {
    const juridico = await api.partnerId('apoio-juridico');
    const read = async () => ((await admin.request('GET', '/api/partners')).json().items as { id: string; retentionYears: number | null; retentionBasis: string | null }[]).find((p) => p.id === juridico)!;
    expect(await read()).toMatchObject({ retentionYears: 5, retentionBasis: null });

    const basis = 'Lei n.º 145/2015 (Estatuto da Ordem dos Advogados): o processo é conservado pelo advogado.';
    const changed = await admin.request('PATCH', `/api/partners/${juridico}`, { retentionYears: 7, retentionBasis: `  ${basis}  ` });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ retentionYears: 7, retentionBasis: basis });
    expect(await read()).toMatchObject({ retentionYears: 7, retentionBasis: basis });

    for (const [body, field] of [
      [{ retentionYears: 0 }, 'retentionYears'],
      [{ retentionYears: 101 }, 'retentionYears'],
      [{ retentionYears: 'ten' }, 'retentionYears'],
      [{ retentionYears: 2.5 }, 'retentionYears'],
      [{ retentionBasis: 'x'.repeat(501) }, 'retentionBasis'],
    ] as const) {
      const res = await admin.request('PATCH', `/api/partners/${juridico}`, body, { 'accept-language': 'pt-PT' });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(body)).toEqual([field]);
    }
    expect(await read()).toMatchObject({ retentionYears: 7, retentionBasis: basis });

    // The basis now keeps the legal-support section from erasure on request, with this reason.
    const mediator = await api.signIn('mediador.lisboa');
    const person = (await mediator.request('POST', '/api/persons', { fullName: 'Amadou Baldé', birthDate: '1995-01-20' })).json().person.id;
    await (await api.signIn('juridico.lisboa')).request('POST', `/api/persons/${person}/cases`, { title: 'Recurso' });
    const dpo = await api.signIn('auditor');
    const refused = await dpo.request('POST', `/api/persons/${person}/sections/${juridico}/erase`, { reason: 'Pedido n.º 1/2026' }, { 'accept-language': 'pt-PT' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Lei n.º 145/2015');

    // Empty values clear the rule: no period, no obligation.
    expect((await admin.request('PATCH', `/api/partners/${juridico}`, { retentionYears: null, retentionBasis: '' })).json()).toMatchObject({ retentionYears: null, retentionBasis: null });
    expect((await dpo.request('POST', `/api/persons/${person}/sections/${juridico}/erase`, { reason: 'Pedido n.º 1/2026' })).statusCode).toBe(200);

    for (const username of ['gestor.lisboa', 'auditor', 'juridico.lisboa']) {
      const user = await api.signIn(username);
      expect((await user.request('PATCH', `/api/partners/${juridico}`, { retentionYears: 1 })).statusCode, username).toBe(403);
    }
  });

  it('refuses configuration changes to everyone but network administrators', async () => {
    for (const username of ['gestor.porto', 'mediador.lisboa', 'aima.lisboa', 'analista', 'auditor']) {
      const user = await api.signIn(username);
      const res = await user.request('PATCH', `/api/centres/${portoId}`, { name: 'Hacked' });
      expect(res.statusCode, username).toBe(403);
      expect((await user.request('GET', `/api/centres/${portoId}`)).statusCode).toBe(200);
    }
    expect((await api.anonymous.request('GET', '/api/centres')).statusCode).toBe(401);
    expect((await admin.request('GET', `/api/centres/${portoId}`)).json().centre.name).toBe('CNAI Porto');
  });
});
