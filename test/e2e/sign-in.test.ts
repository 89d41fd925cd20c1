import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, startHarness, signIn, withScreenshots, DEMO_PASSWORD, type Harness } from './harness.ts';
import { DEMO_USERS } from '../../server/seed/seed.ts';
import { rolesWithoutWorkstation } from '../../web/staff/surfaces.ts';

const ROLE_NAMES_PT: Record<string, string> = {
  'gestor.lisboa': 'Gestor de centro',
  'gestor.porto': 'Gestor de centro',
  'mediador.lisboa': 'Mediador intercultural',
  'aima.lisboa': 'Técnico de entidade',
  'ss.lisboa': 'Técnico de entidade',
  'juridico.lisboa': 'Técnico de apoio',
  'info.lisboa': 'Balcão de informações',
  'criancas.lisboa': 'Espaço criança',
  analista: 'Analista',
  auditor: 'Auditor',
};

describe.runIf(browserAvailable())('sign-in journeys', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a wrong password shows the server message, translated, and stays on sign-in', async () => {
    const context = await h.newContext();
    page = await context.newPage();
    await withScreenshots('wrong-password', () => [page], async () => {
      for (const [lang, message] of [
        ['en', 'The username or password is not right.'],
        ['pt-PT', null],
      ] as const) {
        await page.goto(`${h.baseUrl}/app/sign-in?lng=${lang}`);
        await page.locator('#username').fill('mediador.lisboa');
        await page.locator('#password').fill('not-the-password');
        await page.locator('form button[type=submit]').click();
        const alert = page.getByRole('alert');
        await alert.waitFor();
        const text = await alert.innerText();
        if (message) expect(text).toContain(message);
        else expect(text).not.toContain('The username or password is not right.');
        expect(text.length).toBeGreaterThan(20);
        expect(new URL(page.url()).pathname).toBe('/app/sign-in');
      }
    });
  });

  it('the administrator signs in with the second factor and lands on network administration', async () => {
    const context = await h.newContext();
    page = await context.newPage();
    await withScreenshots('admin-sign-in', () => [page], async () => {
      await page.goto(`${h.baseUrl}/app/`);
      await page.waitForURL('**/app/sign-in');
      await page.locator('#username').fill('admin');
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.locator('#totp-code').waitFor();
      expect(await page.locator('#totp-code').getAttribute('inputmode')).toBe('numeric');
      expect(await page.locator('#totp-code').getAttribute('autocomplete')).toBe('one-time-code');
      await page.locator('#totp-code').fill(await h.adminTotp());
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/app/admin/centres');
      expect(await page.locator('h1').innerText()).toBe('Administração da rede');
      await page.getByRole('table').getByText('CNAI Porto').waitFor();
    });
  });

  for (const [username, roleName] of Object.entries(ROLE_NAMES_PT)) {
    it(`${username} lands on the home page and sees the role`, async () => {
      const context = await h.newContext();
      page = await context.newPage();
      await withScreenshots(`home-${username}`, () => [page], async () => {
        await signIn(page, h, username);
        expect(new URL(page.url()).pathname).toBe('/app/');
        await page.locator('h1').waitFor();
        expect(await page.locator('h1').innerText()).toMatch(/^Olá, /);
        expect(await page.getByTestId('roles').innerText()).toContain(roleName);
        // Every role has its account card; centre managers also their devices and centre.
        await page.getByRole('link', { name: 'A minha conta' }).first().waitFor();
        if (username.startsWith('gestor')) {
          await page.getByRole('link', { name: 'Dispositivos do meu centro' }).first().waitFor();
          await page.getByRole('link', { name: 'O meu centro', exact: true }).waitFor();
        } else {
          // Roles without a workstation surface yet are explained on the home page.
          const waiting = rolesWithoutWorkstation(DEMO_USERS.find((u) => u.username === username)!.roles).length > 0;
          expect(await page.getByText('O seu posto de trabalho abre aqui').count()).toBe(waiting ? 1 : 0);
        }
        if (username.endsWith('.lisboa')) await page.getByText('CNAI Lisboa').waitFor();
      });
      await context.close();
    });
  }
});
