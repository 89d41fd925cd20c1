import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, startHarness, withScreenshots, type Harness } from './harness.ts';
import { staffApi, type CentreConfig, type StaffApi } from './helpers.ts';
import { drawDueRounds } from '../../server/modules/appointments/allocation-service.ts';

/**
 * Fair allocation where clients meet it: a request on a phone in Arabic (right to left, no
 * JavaScript), the status page, the draw at the window's close, then the published draw page in
 * English that anyone can check. axe finds nothing on any page.
 */

describe.runIf(browserAvailable())('appointment lottery: request (ar), status, published draw (en)', () => {
  let h: Harness;
  let manager: StaffApi;
  let shift = 0;
  let roundId: string;
  beforeAll(async () => {
    h = await startHarness({ now: () => new Date(Date.now() + shift) });
    manager = await staffApi(h, 'gestor.lisboa');
    const config = await manager.get<CentreConfig>(`/api/centres/${manager.centreId}`);
    const serviceId = config.services.find((s) => s.ticketPrefix === 'A')!.id;
    await h.ctx.db.updateTable('service').set({ appointments_enabled: 1, booking_mode: 'allocation' }).where('id', '=', serviceId).execute();
    const now = Date.now();
    const closes = new Date(now + 3600_000);
    const monday = new Date(Date.UTC(closes.getUTCFullYear(), closes.getUTCMonth(), closes.getUTCDate() + ((8 - closes.getUTCDay()) % 7 || 7)));
    const round = await manager.post<{ id: string }>('/api/appointments/rounds', {
      serviceId,
      weekStart: monday.toISOString().slice(0, 10),
      places: 1,
      opensAt: new Date(now - 3600_000).toISOString(),
      closesAt: closes.toISOString(),
    });
    roundId = round.id;
    // Two other people ask too, through the API.
    const anonymous = await request.newContext({ baseURL: h.baseUrl });
    for (const [i, doc] of ['X1000001', 'X1000002'].entries()) {
      const res = await anonymous.post(`/api/public/appointments/rounds/${roundId}/requests`, { data: { name: `Other ${i}`, documentNumber: doc, birthDate: '1980-01-01', language: 'en', needsMediator: false } });
      expect(res.status()).toBe(201);
    }
    await anonymous.dispose();
  });
  afterAll(async () => {
    await manager?.api.dispose();
    await h?.close();
  });

  it('takes a request on a phone in Arabic, shows its status, then the outcome after the draw; the draw page lets anyone check it', async () => {
    const context = await h.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await withScreenshots('allocation-ar', () => [page], async () => {
      await page.goto(`${h.baseUrl}/ar/appointments/rounds/${roundId}/request`);
      await page.getByRole('heading', { level: 1, name: 'طلب مكان لموعد' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('script').count()).toBe(0);
      await expectNoAxeViolations(page, 'request form (ar)');
      // A mistake first: the field says what is wrong, in Arabic.
      await page.getByLabel('الاسم الكامل').fill('أمينة');
      await page.getByLabel('رقم الوثيقة (جواز السفر أو تصريح الإقامة)').fill('P7654321');
      await page.getByLabel('البريد الإلكتروني (اختياري)').fill('not-an-email');
      await page.getByLabel('تاريخ الميلاد').fill('1988-03-14');
      await page.getByRole('button', { name: 'إرسال طلبي' }).click();
      await page.getByText('يُرجى التحقق من الحقول المشار إليها أدناه.').waitFor();
      await page.getByText('أدخل بريدًا إلكترونيًا مثل name@example.com.').waitFor();
      await expectNoAxeViolations(page, 'request form with an error (ar)');
      await page.getByLabel('البريد الإلكتروني (اختياري)').fill('amina@example.com');
      await page.getByLabel('أحتاج إلى وسيط ثقافي').check();
      await page.getByRole('button', { name: 'إرسال طلبي' }).click();
      await page.getByRole('heading', { level: 1, name: 'طلبك' }).waitFor();
      await page.getByText('تم تسجيل طلبك.', { exact: false }).waitFor();
      const requestId = (await page.locator('.request-id').innerText()).trim();
      expect(requestId).toMatch(/^R-/);
      await expectNoAxeViolations(page, 'request status before the draw (ar)');

      // The window closes; the draw runs (each node's job; here called directly).
      shift = 2 * 3600_000;
      expect(await drawDueRounds(h.ctx)).toBe(1);
      await page.reload();
      const status = page.locator('.request-status');
      await status.waitFor();
      const text = await status.innerText();
      expect(text.includes('لديك مكان') || text.includes('أنت في قائمة الانتظار')).toBe(true);
      await expectNoAxeViolations(page, 'request status after the draw (ar)');

      // The published draw, in English: the seed now revealed, our request among three.
      await page.goto(`${h.baseUrl}/en/appointments/draws/${roundId}`);
      await page.getByRole('heading', { level: 1, name: 'Appointment lottery' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
      await page.getByRole('table', { name: 'Every request in draw order (3)' }).waitFor();
      const rows = page.locator('table.draw tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(0).locator('td').nth(2).innerText()).toBe('Place');
      expect(await page.locator('table.draw code').allInnerTexts()).toContain(requestId);
      await expectNoAxeViolations(page, 'published draw (en)');
    });
  });
});
