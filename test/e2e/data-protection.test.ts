import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, staffApi, type StaffApi } from './helpers.ts';

const REASON = 'Pedido do titular n.º 2026/114';
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Clicks a download button and returns the file's name and text. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const bytes = readFileSync((await download.path())!);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

describe.runIf(browserAvailable())('data protection: erasure and anonymisation, exports, retention rules', () => {
  let h: Harness;
  let dpo: Page;
  let admin: Page;
  let desk: Page;
  let mediator: StaffApi;
  let juridico: StaffApi;
  let personId = '';
  let juridicoId = '';
  let aimaId = '';
  const pages = () => [dpo, admin, desk].filter(Boolean);

  beforeAll(async () => {
    h = await startHarness();
    mediator = await staffApi(h, 'mediador.lisboa');
    juridico = await staffApi(h, 'juridico.lisboa');
    const aima = await staffApi(h, 'aima.lisboa');
    const created = await mediator.post<{ person: { id: string } }>('/api/persons', {
      fullName: 'Amadou Baldé',
      birthDate: '1995-01-20',
      languages: ['pt-PT'],
      documents: [{ type: 'passport', number: 'GW998877', expiresOn: isoDay(20) }],
    });
    personId = created.person.id;
    const legal = await juridico.post<{ id: string; partnerId: string }>(`/api/persons/${personId}/cases`, { title: 'Recurso de indeferimento' });
    juridicoId = legal.partnerId;
    await juridico.post(`/api/cases/${legal.id}/notes`, { body: 'Notas da consulta jurídica' });
    aimaId = (await aima.post<{ partnerId: string }>(`/api/persons/${personId}/cases`, { title: 'Autorização de residência' })).partnerId;
    dpo = await signedInPage(h, 'auditor', 'en');
    admin = await signedInPage(h, 'admin', 'en');
    desk = await signedInPage(h, 'mediador.lisboa', 'en');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the DPO finds the person, sees which sections the law keeps and why, erases a support section after confirming, and sees the result', async () => {
    await withScreenshots('dpo-erasure', pages, async () => {
      await dpo.goto(`${h.baseUrl}/app/audit?lng=en`);
      await dpo.getByLabel('Name', { exact: true }).fill('Amadou Balde');
      await dpo.getByRole('button', { name: 'Search' }).click();
      await dpo.getByRole('button', { name: 'Show who accessed the casefile of Amadou Baldé' }).click();
      await dpo.getByTestId('access-report').waitFor();
      await dpo.getByRole('navigation', { name: 'About this data subject' }).getByRole('link', { name: 'Erase or anonymise' }).click();
      await dpo.waitForURL(/view=erasure/);

      const table = dpo.getByTestId('erasure-table');
      const aimaRow = dpo.getByTestId(`erasure-section-${aimaId}`);
      const legalRow = dpo.getByTestId(`erasure-section-${juridicoId}`);
      await aimaRow.waitFor();
      expect(await aimaRow.innerText()).toMatch(/Kept by law[\s\S]*Lei n\.º 23\/2007[\s\S]*Kept at least while a case is open\./);
      expect(await aimaRow.getByRole('button').count()).toBe(0);
      expect(await legalRow.innerText()).toMatch(/Erased 5 years after its last case closes[\s\S]*1 case · 1 open[\s\S]*Can be erased on request/);
      expect(await dpo.getByTestId('erasure-core').innerText()).toContain('Not while a section must be kept by law.');
      expect(await table.getByRole('button', { name: /^Anonymise/ }).count()).toBe(0);
      // The screen shows rules and counts, never what a case is about.
      expect(await dpo.locator('main').innerText()).not.toMatch(/Recurso|Notas da consulta|Autorização de residência/);
      await expectNoAxeViolations(dpo, 'DPO erasure screen (en)');

      await legalRow.getByRole('button', { name: 'Erase the section of Legal Support Office' }).click();
      const confirm = dpo.getByTestId('erasure-confirm');
      await confirm.getByRole('heading', { name: 'Erase the section of Legal Support Office?' }).waitFor();
      expect(await dpo.evaluate(() => document.activeElement?.id)).toBe('erasure-reason');
      // A reason is needed for the audit log: without one nothing is sent.
      await confirm.getByRole('button', { name: 'Erase the section' }).click();
      await confirm.getByText('Give a reason of at least 5 characters.').waitFor();
      expect(await dpo.locator('#erasure-reason').getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(dpo, 'DPO erasure confirmation with an error (en)');
      await screenshot(dpo, 'dpo-erasure-confirm-en');
      expect((await juridico.get<{ cases: { title: string }[] }>(`/api/persons/${personId}/sections/${juridicoId}`)).cases[0]!.title).toBe('Recurso de indeferimento');

      await dpo.locator('#erasure-reason').fill(REASON);
      const erased = dpo.waitForResponse((r) => r.url().endsWith(`/sections/${juridicoId}/erase`));
      await confirm.getByRole('button', { name: 'Erase the section' }).click();
      expect((await erased).status()).toBe(200);
      await dpo.getByTestId('erasure-result').getByText('The section of Legal Support Office was erased: 1 case emptied.').waitFor();
      await legalRow.getByText('1 already erased').waitFor();
      expect(await legalRow.getByRole('button').count()).toBe(0);
      expect(await confirm.count()).toBe(0);
      await screenshot(dpo, 'dpo-erasure-done-en');
      const section = await juridico.get<{ cases: { title: string; notes: unknown[] }[] }>(`/api/persons/${personId}/sections/${juridicoId}`);
      expect(section.cases[0]).toMatchObject({ title: '—', notes: [] });

      // The same screen in Portuguese, then the erasure in the access report.
      await dpo.goto(`${h.baseUrl}/app/audit?person=${personId}&view=erasure&lng=pt-PT`);
      await dpo.getByTestId(`erasure-section-${aimaId}`).getByText('Conservada por lei').waitFor();
      await expectNoAxeViolations(dpo, 'DPO erasure screen (pt-PT)');
      await dpo.goto(`${h.baseUrl}/app/audit?person=${personId}&lng=en`);
      await dpo.getByTestId('audit-table').getByText('Section erased').waitFor();
      await dpo.getByTestId('audit-table').getByText('Erasure check').first().waitFor();
    });
  });

  it('the DPO anonymises the identity of a person whose sections the law does not keep', async () => {
    await withScreenshots('dpo-anonymise', pages, async () => {
      const other = (await mediator.post<{ person: { id: string } }>('/api/persons', { fullName: 'Rajesh Kumar Sharma', birthDate: '1985-07-15', languages: ['hi'], confirmedNew: true })).person.id;
      await juridico.post(`/api/persons/${other}/cases`, { title: 'Consulta' });
      await dpo.goto(`${h.baseUrl}/app/audit?person=${other}&view=erasure&lng=en`);
      await dpo.getByTestId(`erasure-section-${juridicoId}`).waitFor();
      await dpo.getByRole('button', { name: 'Anonymise the identity of Rajesh Kumar Sharma' }).click();
      const confirm = dpo.getByTestId('erasure-confirm');
      await confirm.getByRole('heading', { name: 'Anonymise the identity of Rajesh Kumar Sharma?' }).waitFor();
      await dpo.locator('#erasure-reason').fill(REASON);
      await confirm.getByRole('button', { name: 'Anonymise the identity' }).click();
      await dpo.getByTestId('erasure-result').getByText('The identity was anonymised.').waitFor();
      await dpo.getByText("This person's identity has been anonymised.").waitFor();
      expect(await dpo.getByTestId('erasure-table').getByRole('button').count()).toBe(0);
      await expectNoAxeViolations(dpo, 'DPO erasure screen after anonymising (en)');
      expect(await mediator.get<{ fullName: string; documents: unknown[] }>(`/api/persons/${other}`)).toMatchObject({ fullName: '—', documents: [] });
    });
  });

  it("the DPO downloads the access report as CSV and everything held as a PDF in the person's language", async () => {
    await withScreenshots('dpo-downloads', pages, async () => {
      await dpo.goto(`${h.baseUrl}/app/audit?person=${personId}&lng=en`);
      await dpo.getByTestId('audit-table').waitFor();
      const csv = await downloadOf(dpo, () => dpo.getByRole('button', { name: 'Download the access report (CSV)' }).click());
      expect(csv.name).toBe(`access-report-${personId}.csv`);
      expect(csv.text.startsWith('\uFEFFWhen (UTC),Who,Organisation,Action,Outcome,Part,Purpose,What\r\n')).toBe(true);
      expect(csv.text).toContain('Joana Apoio Jurídico');
      await dpo.getByTestId('audit-download').getByText(`Downloaded access-report-${personId}.csv.`).waitFor();

      const pdf = await downloadOf(dpo, () => dpo.getByRole('button', { name: 'Download everything held (PDF)' }).click());
      expect(pdf.name).toMatch(new RegExp(`^casefile-${personId}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await dpo.getByTestId('audit-download').getByText(`Downloaded ${pdf.name}.`).waitFor();
      await screenshot(dpo, 'dpo-access-report-downloads-en');
      await expectNoAxeViolations(dpo, 'DPO access report with downloads (en)');
      // Both are in the log at once, as an export and a report read.
      await dpo.reload();
      await dpo.getByTestId('audit-table').getByText('Data-subject export').first().waitFor();
    });
  });

  it('the desk downloads the documents expiring soon as CSV', async () => {
    await withScreenshots('desk-expiring-csv', pages, async () => {
      await desk.goto(`${h.baseUrl}/app/casefile/expiring?lng=en`);
      await desk.getByTestId('expiring-table').waitFor();
      const csv = await downloadOf(desk, () => desk.getByRole('button', { name: 'Download as CSV (spreadsheet)' }).click());
      expect(csv.name).toMatch(/^expiring-documents-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('Person,Casefile number,Document,Number,Expires on,Status,Days left');
      expect(lines.some((l) => l.startsWith(`Amadou Baldé,${personId},Passport,GW998877,`))).toBe(true);
      await expectNoAxeViolations(desk, 'expiring documents with the CSV download (en)');
    });
  });

  it("the administrator sees and edits a partner's retention rule, with errors beside the field", async () => {
    await withScreenshots('admin-retention', pages, async () => {
      await admin.goto(`${h.baseUrl}/app/admin/partners?lng=en`);
      const row = admin.getByRole('row', { name: /Legal Support Office/ });
      await row.getByText('5 years').waitFor();
      expect(await row.innerText()).toContain('None: erased on request');
      await row.getByRole('button', { name: 'Edit Legal Support Office' }).click();
      const years = admin.locator('#partners-edit-retentionYears');
      expect(await years.inputValue()).toBe('5');
      await years.fill('0');
      await admin.getByRole('button', { name: 'Save' }).click();
      await admin.locator('#partners-edit-retentionYears-error').waitFor();
      expect(await years.getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(admin, 'admin partner form with a retention error (en)');

      await years.fill('7');
      await admin.locator('#partners-edit-retentionBasis').fill('Lei n.º 145/2015: o processo é conservado pelo advogado.');
      const saved = admin.waitForResponse((r) => r.url().endsWith(`/api/partners/${juridicoId}`) && r.request().method() === 'PATCH');
      await admin.getByRole('button', { name: 'Save' }).click();
      expect((await saved).request().postDataJSON()).toEqual({ retentionYears: 7, retentionBasis: 'Lei n.º 145/2015: o processo é conservado pelo advogado.' });
      await row.getByText('7 years').waitFor();
      await row.getByText('Lei n.º 145/2015: o processo é conservado pelo advogado.').waitFor();
      await screenshot(admin, 'admin-partners-retention-en');

      // The DPO's screen shows the new rule at once.
      await dpo.goto(`${h.baseUrl}/app/audit?person=${personId}&view=erasure&lng=en`);
      await dpo.getByTestId(`erasure-section-${juridicoId}`).getByText('Erased 7 years after its last case closes').waitFor();
    });
  });
});
