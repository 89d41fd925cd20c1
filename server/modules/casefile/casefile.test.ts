import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';
import { verifyAuditChain } from '../../access/audit.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

describe.each(TEST_DATABASES)('the shared casefile on %s', (kind) => {
  let api: TestApi;
  let mediator: Client;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(NOW);
    mediator = await api.signIn('mediador.lisboa');
  });
  afterEach(async () => api.close());

  const olena = {
    fullName: 'Olena Kovalenko',
    birthDate: '1990-04-02',
    nationalities: ['UA'],
    languages: ['uk', 'ru'],
    contacts: { phone: '+351 912 345 678' },
    documents: [{ type: 'passport', number: 'FX 123456', issuingCountry: 'UA', expiresOn: '2027-01-10', verified: true }],
  };

  async function createOlena(): Promise<string> {
    const res = await mediator.request('POST', '/api/persons', olena);
    expect(res.statusCode).toBe(201);
    return res.json().person.id;
  }

  it('creates a core, flags expiring documents, and warns of a likely duplicate with its reasons', async () => {
    const id = await createOlena();
    const core = (await mediator.request('GET', `/api/persons/${id}`)).json();
    expect(core).toMatchObject({ fullName: 'Olena Kovalenko', languages: ['uk', 'ru'] });
    expect(core.documents[0]).toMatchObject({ type: 'passport', expiry: 'expiring_soon', daysToExpiry: 48, verifiedBy: expect.any(String) });

    // The same person, typed in Cyrillic at another desk.
    const again = await mediator.request('POST', '/api/persons', { fullName: 'Олена Коваленко', birthDate: '1990-04-02' });
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicates[0]).toMatchObject({ id, reasons: ['same_name', 'same_birth_date'], person: { fullName: 'Olena Kovalenko' } });
    const confirmed = await mediator.request('POST', '/api/persons', { fullName: 'Олена Коваленко', birthDate: '1990-04-02', confirmedNew: true });
    expect(confirmed.statusCode).toBe(201);

    const expiring = (await mediator.request('GET', '/api/documents/expiring?days=60')).json().items;
    expect(expiring.map((d: { personId: string }) => d.personId)).toEqual([id]);
  });

  it('finds people by name in any script, with typos, by document number and by birth date', async () => {
    const id = await createOlena();
    await mediator.request('POST', '/api/persons', { fullName: 'Rajesh Kumar Sharma', birthDate: '1985-07-15', confirmedNew: true });
    const byCyrillic = (await mediator.request('GET', `/api/persons?q=${encodeURIComponent('Олена Коваленко')}`)).json().items;
    expect(byCyrillic[0].id).toBe(id);
    const byTypo = (await mediator.request('GET', '/api/persons?q=olena%20kovalneko')).json().items;
    expect(byTypo[0].id).toBe(id);
    expect((await mediator.request('GET', '/api/persons?document=fx-123456')).json().items[0].id).toBe(id);
    expect((await mediator.request('GET', '/api/persons?birthDate=1990-04-02')).json().items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await mediator.request('GET', '/api/persons', undefined, { 'accept-language': 'en' })).json().error.message).toMatch(/Give a name/);
    for (const username of ['admin', 'analista', 'auditor', 'gestor.lisboa']) {
      const user = await api.signIn(username);
      expect((await user.request('GET', '/api/persons?q=olena')).statusCode, username).toBe(403);
    }
  });

  it("keeps each agency's section to itself until a consented referral is accepted, and shuts it at once on revocation", async () => {
    const id = await createOlena();
    const aima = await api.signIn('aima.lisboa');
    const ss = await api.signIn('ss.lisboa');
    const aimaPartner = await api.partnerId('aima');
    const ssPartner = await api.partnerId('seguranca-social');

    const opened = await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Renovação de autorização de residência', nextStep: 'Trazer contrato de trabalho', followUpOn: '2026-12-01' });
    expect(opened.statusCode).toBe(201);
    await aima.request('POST', `/api/cases/${opened.json().id}/notes`, { body: 'Contrato em falta; volta dia 1.' });

    const ownView = (await aima.request('GET', `/api/persons/${id}/casefile`)).json();
    expect(ownView.sections.map((s: { partnerId: string; access: string }) => [s.partnerId, s.access])).toEqual([[aimaPartner, 'own']]);
    expect(ownView.sections[0].cases[0].notes[0].body).toBe('Contrato em falta; volta dia 1.');

    // Social Security sees the core but nothing of AIMA's section, not even that it exists.
    const ssView = (await ss.request('GET', `/api/persons/${id}/casefile`)).json();
    expect(ssView.person.fullName).toBe('Olena Kovalenko');
    expect(JSON.stringify(ssView)).not.toContain('Contrato');
    const denied = await ss.request('GET', `/api/persons/${id}/sections/${aimaPartner}`);
    expect(denied.statusCode).toBe(403);
    expect((await ss.request('POST', `/api/cases/${opened.json().id}/notes`, { body: 'x' })).statusCode).toBe(403);

    const referral = await aima.request('POST', `/api/persons/${id}/referrals`, {
      toPartnerId: ssPartner,
      purpose: 'Pedido de prestação social depende da autorização de residência',
      basis: 'consent',
      consentGivenBy: 'Olena Kovalenko (a própria)',
      expiresAt: '2027-01-23T00:00:00Z',
    });
    expect(referral.statusCode).toBe(201);
    expect((await ss.request('GET', `/api/persons/${id}/sections/${aimaPartner}`)).statusCode).toBe(403); // pending
    const incoming = (await ss.request('GET', '/api/referrals?direction=incoming')).json().items;
    expect(incoming[0]).toMatchObject({ id: referral.json().id, status: 'pending', personName: 'Olena Kovalenko' });
    expect((await aima.request('POST', `/api/referrals/${referral.json().id}/accept`)).statusCode).toBe(403); // only the receiver decides
    expect((await ss.request('POST', `/api/referrals/${referral.json().id}/accept`)).json().status).toBe('accepted');

    const shared = await ss.request('GET', `/api/persons/${id}/sections/${aimaPartner}`);
    expect(shared.json()).toMatchObject({ access: 'referral', cases: [{ notes: [{ body: 'Contrato em falta; volta dia 1.' }] }] });
    expect((await ss.request('POST', `/api/cases/${opened.json().id}/notes`, { body: 'SS writes here?' })).statusCode).toBe(403); // read only

    expect((await aima.request('POST', `/api/referrals/${referral.json().id}/revoke`)).json().status).toBe('revoked');
    expect((await ss.request('GET', `/api/persons/${id}/sections/${aimaPartner}`)).statusCode).toBe(403);
    expect(JSON.stringify((await ss.request('GET', `/api/persons/${id}/casefile`)).json())).not.toContain('Contrato');
  });

  it('ends access when a referral expires', async () => {
    const id = await createOlena();
    const aima = await api.signIn('aima.lisboa');
    const ss = await api.signIn('ss.lisboa');
    await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Visto' });
    const r = (await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: await api.partnerId('seguranca-social'), purpose: 'Prestação', basis: 'consent', consentGivenBy: 'A própria', expiresAt: '2026-11-24T10:00:00Z' })).json();
    await ss.request('POST', `/api/referrals/${r.id}/accept`);
    expect((await ss.request('GET', `/api/persons/${id}/sections/${await api.partnerId('aima')}`)).statusCode).toBe(200);
    api.setNow(new Date('2026-11-24T10:00:01Z'));
    const again = await api.signIn('ss.lisboa');
    expect((await again.request('GET', `/api/persons/${id}/sections/${await api.partnerId('aima')}`)).statusCode).toBe(403);
  });

  it('asks for consent, or for its own permission and a written reason on a legal basis', async () => {
    const id = await createOlena();
    const juridico = await api.signIn('juridico.lisboa');
    const aima = await api.signIn('aima.lisboa');
    const to = await api.partnerId('seguranca-social');
    const noConsent = await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: to, purpose: 'Prestação', basis: 'consent', expiresAt: '2027-01-01T00:00:00Z' });
    expect(noConsent.json().error.fields.consentGivenBy).toBeDefined();
    const supportOffice = await juridico.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: to, purpose: 'Apoio', basis: 'legal_basis', legalBasisReason: 'Lei 23/2007, artigo 212.º, para instrução do processo', expiresAt: '2027-01-01T00:00:00Z' });
    expect(supportOffice.json().error.code).toBe('legal_basis_forbidden');
    const short = await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: to, purpose: 'Prestação', basis: 'legal_basis', legalBasisReason: 'Lei', expiresAt: '2027-01-01T00:00:00Z' });
    expect(short.json().error.fields.legalBasisReason).toBeDefined();
    const ok = await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: to, purpose: 'Prestação', basis: 'legal_basis', legalBasisReason: 'Lei 23/2007, artigo 212.º, para instrução do processo', expiresAt: '2027-01-01T00:00:00Z' });
    expect(ok.json()).toMatchObject({ basis: 'legal_basis', status: 'pending', consentGivenBy: null });
  });

  it('audits every read, write, grant and denial; the data-protection officer sees who saw what and why', async () => {
    const id = await createOlena();
    const aima = await api.signIn('aima.lisboa');
    const ss = await api.signIn('ss.lisboa');
    const aimaPartner = await api.partnerId('aima');
    await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Renovação' });
    await aima.request('GET', `/api/persons/${id}/sections/${aimaPartner}`, undefined, { 'x-purpose': 'service' });
    await ss.request('GET', `/api/persons/${id}/sections/${aimaPartner}`);

    const auditor = await api.signIn('auditor');
    expect((await auditor.request('GET', `/api/persons/${id}/casefile`)).statusCode).toBe(403); // auditors do not read content
    const found = (await auditor.request('GET', '/api/audit/persons?q=olena')).json().items;
    expect(found).toEqual([{ id, fullName: 'Olena Kovalenko', birthDate: '1990-04-02' }]); // a lookup to find the data subject, nothing more
    const report = (await auditor.request('GET', `/api/persons/${id}/access-report?section=${aimaPartner}`)).json().items;
    expect(report.map((e: { who: string; action: string; outcome: string; purpose: string }) => [e.who, e.action, e.outcome, e.purpose])).toEqual([
      ['Sérgio Segurança Social', 'deny', 'denied', 'service'],
      ['Alice Oficial AIMA', 'read', 'allowed', 'service'],
      ['Alice Oficial AIMA', 'write', 'allowed', 'service'],
    ]);
    expect(report[0].partner['pt-PT']).toBe('Instituto da Segurança Social');

    const entries = await api.ctx.db.selectFrom('audit_entry').select(['action', 'section', 'person_id']).where('person_id', '=', id).execute();
    // created (write core), case (write section), section read, Sérgio's denial, the auditor's refused
    // attempt to read the casefile (audited at the edge: no section), the auditor's own report reads
    expect(entries.map((e) => `${e.action}:${e.section === null ? '-' : e.section === 'core' || e.section === 'audit' ? e.section : 'aima'}`)).toEqual(['write:core', 'write:aima', 'read:aima', 'deny:aima', 'deny:-', 'read:core', 'read:audit']);
    expect(await verifyAuditChain(api.ctx.db)).toMatchObject({ ok: true });
    const admin = await api.signIn('admin');
    expect((await admin.request('GET', `/api/persons/${id}/access-report`)).statusCode).toBe(403);
  });

  it('exports everything held about a person for them, and records the export', async () => {
    const id = await createOlena();
    const aima = await api.signIn('aima.lisboa');
    const c = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Renovação' })).json();
    await aima.request('POST', `/api/cases/${c.id}/notes`, { body: 'Nota para exportar' });
    const auditor = await api.signIn('auditor');
    const exported = await auditor.request('GET', `/api/persons/${id}/export`);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    const data = exported.json();
    expect(data.person.fullName).toBe('Olena Kovalenko');
    expect(data.sections[0].cases[0].notes[0].body).toBe('Nota para exportar');
    expect(data.accesses.length).toBeGreaterThan(2);
    const last = await api.ctx.db.selectFrom('audit_entry').select(['action']).where('person_id', '=', id).where('action', '=', 'export').execute();
    expect(last).toHaveLength(1);
  });

  it('audits a refused export or erasure too: who tried, on whom, what', async () => {
    const id = await createOlena();
    expect((await mediator.request('GET', `/api/persons/${id}/export`)).statusCode).toBe(403);
    const admin = await api.signIn('analista');
    const refused = await admin.request('POST', `/api/persons/${id}/anonymise`, { reason: 'curiosity, not a request' });
    expect(refused.statusCode, refused.body).toBe(403);
    const denials = await api.ctx.db.selectFrom('audit_entry').selectAll().where('person_id', '=', id).where('outcome', '=', 'denied').orderBy('seq').execute();
    expect(denials.map((d) => [d.action, JSON.parse(d.detail).attempted])).toEqual([
      ['deny', 'person.export'],
      ['deny', 'person.erase'],
    ]);
    // Refusals of other kinds (network configuration) are not casefile accesses and stay out of the log.
    const officer = await api.signIn('aima.lisboa');
    const before = await api.ctx.db.selectFrom('audit_entry').select('seq').execute();
    expect((await officer.request('GET', '/api/staff')).statusCode).toBe(403);
    expect(await api.ctx.db.selectFrom('audit_entry').select('seq').execute()).toHaveLength(before.length);
  });

  it('merges a duplicate keeping both histories, and links a visit to the casefile', async () => {
    const id = await createOlena();
    const dup = (await mediator.request('POST', '/api/persons', { fullName: 'Olena Kovalenko', birthDate: '1990-04-02', confirmedNew: true, documents: [{ type: 'tax_number', number: '299 999 999' }] })).json().person.id;
    const aima = await api.signIn('aima.lisboa');
    await aima.request('POST', `/api/persons/${dup}/cases`, { title: 'Caso no duplicado' });
    const merged = await mediator.request('POST', `/api/persons/${id}/merge`, { duplicateId: dup });
    expect(merged.json().documents.map((d: { type: string }) => d.type).sort()).toEqual(['passport', 'tax_number']);
    expect((await aima.request('GET', `/api/persons/${id}/casefile`)).json().sections[0].cases[0].title).toBe('Caso no duplicado');
    expect((await mediator.request('GET', `/api/persons/${dup}`)).json().mergedInto).toBe(id);
    expect((await mediator.request('POST', `/api/persons/${id}/merge`, { duplicateId: dup })).statusCode).toBe(409);

    const lisboa = await api.centreId('lisboa');
    const w = (await mediator.request('GET', `/api/services?centreId=${lisboa}`)).json().items.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    const visit = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'uk' })).json().visit;
    expect((await mediator.request('PUT', `/api/visits/${visit.id}/person`, { personId: id })).statusCode).toBe(200);
    const timeline = (await aima.request('GET', `/api/persons/${id}/casefile`)).json().timeline;
    expect(timeline.some((e: { kind: string; number?: string }) => e.kind === 'ticket' && e.number === 'W001')).toBe(true);
  });
});

describe.each(TEST_DATABASES)('details the casefile screens rely on, on %s', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await openTestApi(kind);
    api.setNow(NOW);
  });
  afterEach(async () => api.close());

  it("names each note's author, filters referrals by person, and shows the linked casefile on the counter's current ticket", async () => {
    const mediator = await api.signIn('mediador.lisboa');
    const a = (await mediator.request('POST', '/api/persons', { fullName: 'Person A', birthDate: '1970-01-01' })).json().person.id;
    const b = (await mediator.request('POST', '/api/persons', { fullName: 'Person B', birthDate: '1971-01-01' })).json().person.id;
    const aima = await api.signIn('aima.lisboa');
    const ss = await api.partnerId('seguranca-social');
    for (const id of [a, b]) {
      const c = (await aima.request('POST', `/api/persons/${id}/cases`, { title: 'Caso' })).json();
      await aima.request('POST', `/api/cases/${c.id}/notes`, { body: 'Nota' });
      await aima.request('POST', `/api/persons/${id}/referrals`, { toPartnerId: ss, purpose: 'Prestação', basis: 'consent', consentGivenBy: 'O próprio', expiresAt: '2027-01-01T00:00:00Z' });
    }
    expect((await aima.request('GET', `/api/persons/${a}/casefile`)).json().sections[0].cases[0].notes[0].authorName).toBe('Alice Oficial AIMA');
    const onlyA = (await aima.request('GET', `/api/referrals?direction=outgoing&personId=${a}`)).json().items;
    expect(onlyA.map((r: { personId: string }) => r.personId)).toEqual([a]);
    const readsOfB = await api.ctx.db.selectFrom('audit_entry').select('detail').where('person_id', '=', b).where('detail', 'like', '%referral-list%').execute();
    expect(readsOfB).toHaveLength(0);

    const lisboa = await api.centreId('lisboa');
    const config = (await mediator.request('GET', `/api/centres/${lisboa}`)).json();
    const w = config.services.find((s: { ticketPrefix: string }) => s.ticketPrefix === 'W').id;
    const counter = config.counters.find((c: { serviceIds: string[] }) => c.serviceIds.includes(w));
    const visit = (await mediator.request('POST', '/api/visits', { serviceId: w, language: 'pt-PT' })).json().visit;
    await mediator.request('POST', `/api/counters/${counter.id}/session`, {});
    await mediator.request('POST', `/api/counters/${counter.id}/call-next`);
    await mediator.request('PUT', `/api/visits/${visit.id}/person`, { personId: a });
    const snapshot = (await mediator.request('GET', `/api/centres/${lisboa}/snapshot`)).json();
    expect(snapshot.counters.find((c: { counterId: string }) => c.counterId === counter.id).current).toMatchObject({ personId: a, clientName: 'Person A' });
  });
});
