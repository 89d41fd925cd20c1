import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, signIn, startHarness, withScreenshots, type Harness } from './harness.ts';

describe.runIf(browserAvailable())('pairing a display board', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the centre manager creates a code, the display pairs with it, and a revoke unpairs it', async () => {
    const manager = await h.newPage();
    const display: Page = await h.newPage();
    await withScreenshots('pairing', () => [manager, display], async () => {
      await signIn(manager, h, 'gestor.lisboa', 'en');
      await manager.goto(`${h.baseUrl}/app/devices?lng=en`);
      await manager.getByRole('heading', { level: 1, name: 'Devices of CNAI Lisboa' }).waitFor();
      await manager.getByRole('button', { name: 'Pair a new device' }).click();
      await manager.getByLabel('Kind of device').selectOption('display');
      await manager.getByLabel('Device name').fill('Waiting room board');
      await manager.getByRole('button', { name: 'Create' }).click();
      const codeBox = manager.getByTestId('pairing-code');
      await codeBox.waitFor();
      const code = (await codeBox.innerText()).trim();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await manager.getByText('open /display and type this code').waitFor();
      const row = manager.getByRole('row').filter({ hasText: 'Waiting room board' });
      expect(await row.innerText()).toContain('Awaiting pairing');

      await display.goto(`${h.baseUrl}/display?lng=en`);
      await display.getByLabel('Pairing code').fill(code.toLowerCase());
      await display.getByRole('button', { name: 'Pair this screen' }).click();
      await display.getByText('Paired to CNAI Lisboa as Waiting room board.').waitFor();
      expect(await display.locator('h1').innerText()).toBe('CNAI Lisboa');
      await display.reload();
      await display.getByText('Display board “Waiting room board” of CNAI Lisboa').waitFor();

      // The same code cannot be used twice.
      const other = await h.newPage();
      await other.goto(`${h.baseUrl}/kiosk?lng=en`);
      await other.getByLabel('Pairing code').fill(code);
      await other.getByRole('button', { name: 'Pair this screen' }).click();
      await other.locator('#pairing-code-error').waitFor();
      expect(await other.locator('#pairing-code-error').innerText()).toContain('not valid');

      await manager.reload();
      const pairedRow = manager.getByRole('row').filter({ hasText: 'Waiting room board' });
      await pairedRow.getByText('Paired', { exact: true }).waitFor();
      await pairedRow.getByRole('button', { name: 'Revoke Waiting room board' }).click();
      await pairedRow.getByRole('button', { name: 'Yes, revoke' }).click();
      await manager.getByText('Waiting room board was revoked.').waitFor();
      await pairedRow.getByText('Revoked', { exact: true }).waitFor();

      await display.reload();
      await display.getByLabel('Pairing code').waitFor();
      expect(await display.locator('h1').innerText()).toContain('Pair this screen');
    });
  });
});
