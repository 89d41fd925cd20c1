import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, expectNoAxeViolations, screenshot, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';
import { staffApi, type CentreConfig, type StaffApi } from './helpers.ts';

describe.runIf(browserAvailable())("live floor and children's room", () => {
  let h: Harness;
  let mediator: StaffApi;
  let config: CentreConfig;
  beforeAll(async () => {
    h = await startHarness();
    mediator = await staffApi(h, 'mediador.lisboa');
    config = await mediator.get<CentreConfig>(`/api/centres/${mediator.centreId}`);
  });
  afterAll(async () => {
    await mediator?.api.dispose();
    await h?.close();
  });
  const service = (code: string) => config.services.find((s) => s.code === code)!;
  const countersOf = (code: string) => config.counters.filter((c) => c.serviceIds.includes(service(code).id)).sort((a, b) => a.number - b.number);
  const issue = async (language = 'pt-PT') => (await mediator.post<{ ticket: { id: string; number: string } }>('/api/visits', { serviceId: service('welcoming').id, language })).ticket;

  it('the manager sees queues change live, closes and reopens a counter, is told a busy counter cannot close, and moves a ticket', async () => {
    const page = await h.newPage();
    await withScreenshots('floor', () => [page], async () => {
      await signIn(page, h, 'gestor.lisboa', 'en');
      await page.goto(`${h.baseUrl}/app/floor?lng=en`);
      await page.getByRole('heading', { level: 1, name: 'Live floor — CNAI Lisboa' }).waitFor();
      await page.getByTestId('live-status').getByText('Live').waitFor();
      const waitingW = page.getByTestId('waiting-W');
      expect((await waitingW.innerText()).trim()).toBe('0');
      await expectNoAxeViolations(page, 'floor (en)');

      // A ticket issued elsewhere shows up without a reload.
      const first = await issue('uk');
      await page.waitForFunction(() => document.querySelector('[data-testid="waiting-W"]')?.textContent?.trim() === '1');
      await page.getByTestId('waiting').locator(`tr[data-ticket="${first.number}"]`).waitFor();

      // Close a free counter, then open it again.
      const [busyCounter, freeCounter] = countersOf('welcoming');
      const row = page.getByTestId('counters').locator(`tr[data-counter="${freeCounter!.number}"]`);
      await row.getByRole('button', { name: `Close counter ${freeCounter!.number}` }).click();
      await row.getByRole('button', { name: 'Yes, close' }).click();
      await page.getByTestId('floor-status').getByText(`Counter ${freeCounter!.number} was closed.`).waitFor();
      await row.getByText('Closed', { exact: true }).waitFor();
      await row.getByRole('button', { name: `Open counter ${freeCounter!.number}` }).click();
      await row.getByRole('button', { name: 'Yes, open' }).click();
      await page.getByTestId('floor-status').getByText(`Counter ${freeCounter!.number} was opened.`).waitFor();
      await row.getByText('Open, nobody at it').waitFor();

      // A counter with a client at it cannot be closed: the server's message is shown.
      await mediator.post(`/api/counters/${busyCounter!.id}/session`, {});
      await mediator.post(`/api/counters/${busyCounter!.id}/call-next`, {});
      const busyRow = page.getByTestId('counters').locator(`tr[data-counter="${busyCounter!.number}"]`);
      await busyRow.getByText(first.number).waitFor();
      await busyRow.getByText('Mamadu Mediador').waitFor();
      await busyRow.getByRole('button', { name: `Close counter ${busyCounter!.number}` }).click();
      await busyRow.getByRole('button', { name: 'Yes, close' }).click();
      await page.getByTestId('floor-alert').getByText('Finish, park or transfer the current ticket first.').waitFor();

      // Move a waiting ticket to legal support, to a chosen counter, with a note.
      const second = await issue();
      const waitingRow = page.getByTestId('waiting').locator(`tr[data-ticket="${second.number}"]`);
      // The waiting list comes before the long list of counters.
      expect(await page.evaluate(() => {
        const tables = [...document.querySelectorAll('table[data-testid]')].map((t) => t.getAttribute('data-testid'));
        return tables.indexOf('waiting') < tables.indexOf('counters');
      })).toBe(true);
      await waitingRow.getByRole('button', { name: `Move ${second.number}` }).click();
      // No queue is chosen for the manager: moving is a decision.
      expect(await page.getByLabel('New queue', { exact: true }).inputValue()).toBe('');
      expect(await page.getByRole('button', { name: 'Move ticket' }).isDisabled()).toBe(true);
      await page.getByLabel('New queue', { exact: true }).selectOption(service('legal-support').id);
      await page.getByLabel('Counter (optional)', { exact: true }).selectOption(countersOf('legal-support')[0]!.id);
      await page.getByLabel('Note for the counter (optional)').fill('Needs a lawyer about the contract');
      await expectNoAxeViolations(page, 'floor move form (en)');
      await page.getByRole('button', { name: 'Move ticket' }).click();
      await page.getByTestId('floor-status').getByText(new RegExp(`Ticket ${second.number} was moved; its new number is J\\d{3}\\.`)).waitFor();
      await waitingRow.waitFor({ state: 'detached' });
      await page.getByTestId('waiting').locator('tr[data-ticket^="J"]').first().waitFor();
      await screenshot(page, 'floor-en');

      await page.goto(`${h.baseUrl}/app/floor?lng=pt-PT`);
      await page.getByRole('heading', { level: 1, name: 'Sala em direto — CNAI Lisboa' }).waitFor();
      await page.getByTestId('queues').locator('tbody tr').first().waitFor();
      await expectNoAxeViolations(page, 'floor (pt-PT)');
    });
  });

  it("the children's room checks a child in against a ticket number and out, live for the manager too", async () => {
    const attendant = await h.newPage();
    const manager = await h.newPage();
    await withScreenshots('children', () => [attendant, manager], async () => {
      const guardian = await issue('ar');
      await signIn(manager, h, 'gestor.lisboa', 'en');
      await manager.goto(`${h.baseUrl}/app/children?lng=en`);
      await manager.getByText('No children in the room.').waitFor();
      await manager.getByTestId('live-status').getByText('Live').waitFor();

      await signIn(attendant, h, 'criancas.lisboa', 'en');
      await attendant.goto(`${h.baseUrl}/app/children?lng=en`);
      await attendant.getByRole('heading', { level: 1, name: "Children's room — CNAI Lisboa" }).waitFor();
      await expectNoAxeViolations(attendant, 'children (en)');

      // A ticket number nobody has today: the message sits next to the field.
      await attendant.getByLabel("Guardian's ticket number").fill('Z999');
      await attendant.getByLabel("Child's name").fill('Amira');
      await attendant.getByRole('button', { name: 'Check in' }).click();
      await attendant.locator('#child-ticket-error').getByText('No ticket with this number was issued here today.').waitFor();
      expect(await attendant.getByLabel("Guardian's ticket number").getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(attendant, 'children with a field error (en)');

      await attendant.getByLabel("Guardian's ticket number").fill(guardian.number.toLowerCase());
      await attendant.getByLabel('Age (years)').fill('4');
      await attendant.getByLabel('Notes').fill('Allergic to nuts. Collected by her mother only.');
      await attendant.getByRole('button', { name: 'Check in' }).click();
      await attendant.getByText('Amira was checked in.').waitFor();
      const row = attendant.getByTestId('children').locator('tbody tr').filter({ hasText: 'Amira' });
      expect(await row.innerText()).toContain(guardian.number);
      expect(await row.innerText()).toContain('4 years');
      expect(await row.innerText()).toContain('Allergic to nuts');
      // The manager's page follows without a reload.
      await manager.getByTestId('children').locator('tbody tr').filter({ hasText: 'Amira' }).waitFor();

      await row.getByRole('button', { name: 'Check out Amira' }).click();
      await row.getByRole('button', { name: 'Yes, check out' }).click();
      await attendant.getByText('Amira was checked out.').waitFor();
      await row.waitFor({ state: 'detached' });
      await manager.getByText('No children in the room.').waitFor();

      await attendant.goto(`${h.baseUrl}/app/children?lng=pt-PT`);
      await attendant.getByRole('heading', { level: 1, name: 'Espaço criança — CNAI Lisboa' }).waitFor();
      await attendant.getByText('Não há crianças no espaço.').waitFor();
      await expectNoAxeViolations(attendant, 'children (pt-PT)');
    });
  });
});
