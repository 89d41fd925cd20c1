import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../test-support/db.ts';
import { openTestApi, type TestApi } from '../test-support/api.ts';
import { verifyAuditChain } from '../access/audit.ts';
import { seedDemoCasefiles } from './demo-casefiles.ts';

describe.each(TEST_DATABASES)('the demo casefiles on %s', (kind) => {
  let api: TestApi;
  afterEach(async () => api.close());

  it('give every casefile screen something to show, with a real audit trail', async () => {
    api = await openTestApi(kind);
    expect(await seedDemoCasefiles(api.ctx)).toBe(true);
    expect(await seedDemoCasefiles(api.ctx)).toBe(false); // once only
    const ss = await api.signIn('ss.lisboa');
    const olena = (await ss.request('GET', '/api/persons?q=olena')).json().items[0];
    const file = (await ss.request('GET', `/api/persons/${olena.id}/casefile`)).json();
    expect(file.sections.map((s: { access: string }) => s.access).sort()).toEqual(['own', 'referral']);
    expect(file.person.documents.some((d: { expiry: string }) => d.expiry === 'expiring_soon')).toBe(true);
    expect(file.person.household[0]).toMatchObject({ relation: 'child', fullName: 'Sofiia Kovalenko' });
    const juridico = await api.signIn('juridico.lisboa');
    const legal = (await juridico.request('GET', `/api/persons/${olena.id}/casefile`)).json();
    expect(legal.sections.map((s: { access: string; cases: unknown[] }) => [s.access, s.cases.length])).toEqual([['own', 0]]); // only its own, empty section
    const auditor = await api.signIn('auditor');
    expect((await auditor.request('GET', `/api/persons/${olena.id}/access-report`)).json().items.length).toBeGreaterThan(8);
    expect(await verifyAuditChain(api.ctx.db)).toMatchObject({ ok: true });
  });
});
