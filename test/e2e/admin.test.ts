import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';

interface Item {
  id: string;
  [k: string]: unknown;
}

describe.runIf(browserAvailable())('network administration', () => {
  let h: Harness;
  let page: Page;
  let porto: Item;
  let desk: Item;
  beforeAll(async () => {
    h = await startHarness();
    const context = await h.newContext();
    page = await context.newPage();
    await signIn(page, h, 'admin', 'en');
    const centres = (await (await page.request.get(`${h.baseUrl}/api/centres`)).json()) as { items: Item[] };
    porto = centres.items.find((c) => c.code === 'porto')!;
    const partners = (await (await page.request.get(`${h.baseUrl}/api/partners`)).json()) as { items: Item[] };
    const housing = partners.items.find((p) => p.code === 'habitacao')!;
    const desks = (await (await page.request.get(`${h.baseUrl}/api/desks?centreId=${porto.id}`)).json()) as { items: Item[] };
    desk = desks.items.find((d) => d.partnerId === housing.id)!;
    expect(desk).toBeTruthy();
  });
  afterAll(async () => {
    await h?.close();
  });

  const servicesAtPorto = async () => ((await (await page.request.get(`${h.baseUrl}/api/services?centreId=${porto.id}`)).json()) as { items: Item[] }).items;

  it('a duplicate ticket prefix shows the message beside the field and saves nothing', async () => {
    await withScreenshots('admin-duplicate-prefix', () => [page], async () => {
      const before = await servicesAtPorto();
      await page.goto(`${h.baseUrl}/app/admin/services?lng=en`);
      await page.locator('#services-centre-filter').selectOption(porto.id);
      await page.getByRole('button', { name: 'Add a service' }).click();
      await page.locator('#services-create-deskId').selectOption(desk.id);
      await page.locator('#services-create-code').fill('housing-duplicate');
      await page.locator('#services-create-name-pt-PT').fill('Habitação duplicada');
      await page.locator('#services-create-ticketPrefix').fill('A');
      await page.locator('#services-create-expectedMinutes').fill('10');
      await page.getByRole('button', { name: 'Create' }).click();
      const fieldError = page.locator('#services-create-ticketPrefix-error');
      await fieldError.waitFor();
      expect(await fieldError.innerText()).toContain('already uses this ticket prefix');
      expect(await page.locator('#services-create-ticketPrefix').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#services-create-ticketPrefix').getAttribute('aria-describedby')).toContain('services-create-ticketPrefix-error');
      // The form keeps what the user typed.
      expect(await page.locator('#services-create-code').inputValue()).toBe('housing-duplicate');
      await page.getByRole('alert').first().waitFor();
      expect((await servicesAtPorto()).length).toBe(before.length);
      await page.getByRole('button', { name: 'Cancel' }).click();
    });
  });

  it('adds a service to Porto and a counter serving it; both show at once', async () => {
    await withScreenshots('admin-add-service', () => [page], async () => {
      await page.goto(`${h.baseUrl}/app/admin/services?lng=en`);
      await page.locator('#services-centre-filter').selectOption(porto.id);
      await page.getByRole('button', { name: 'Add a service' }).click();
      await page.locator('#services-create-deskId').selectOption(desk.id);
      await page.locator('#services-create-code').fill('housing-advice');
      await page.locator('#services-create-name-pt-PT').fill('Aconselhamento em habitação');
      await page.locator('#services-create-name-en').fill('Housing advice');
      await page.locator('#services-create-ticketPrefix').fill('X');
      await page.locator('#services-create-expectedMinutes').fill('10');
      await page.locator('#services-create-topics-housing').check();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      const row = page.getByRole('row').filter({ hasText: 'Housing advice' });
      await row.waitFor();
      expect(await row.innerText()).toContain('X');
      expect(await row.innerText()).toContain('CNAI Porto');

      await page.getByRole('link', { name: 'Counters' }).click();
      await page.waitForURL('**/app/admin/counters');
      await page.locator('#counters-centre-filter').selectOption(porto.id);
      await page.getByRole('button', { name: 'Add a counter' }).click();
      await page.locator('#counters-create-centreId').selectOption(porto.id);
      await page.locator('#counters-create-number').fill('99');
      await page.getByLabel(/^X · Housing advice/).check();
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      const counterRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: '99', exact: true }) });
      await counterRow.waitFor();
      expect(await counterRow.innerText()).toContain('X · Housing advice');

      const config = (await (await page.request.get(`${h.baseUrl}/api/centres/${porto.id}`)).json()) as { services: Item[]; counters: Item[] };
      const service = config.services.find((s) => s.code === 'housing-advice')!;
      expect(service).toMatchObject({ ticketPrefix: 'X', expectedMinutes: 10, deskId: desk.id, topics: ['housing'] });
      expect(config.counters.find((c) => c.number === 99)).toMatchObject({ serviceIds: [service.id] });
      await screenshot(page, 'admin-counters');
    });
  });

  it('trying to change your own roles shows the server message', async () => {
    await withScreenshots('admin-own-roles', () => [page], async () => {
      await page.goto(`${h.baseUrl}/app/admin/staff?lng=en`);
      await page.getByRole('button', { name: /^Edit Ana Administradora/ }).click();
      await page.locator('#staff-edit-roles-auditor').check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      const alert = page.getByRole('alert').first();
      await alert.waitFor();
      expect(await alert.innerText()).toContain('You cannot change your own roles');
    });
  });
});
