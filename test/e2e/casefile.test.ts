import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, expectNoAxeViolations, screenshot, startHarness, withScreenshots, type Harness } from './harness.ts';
import { signedInPage, takeCounter, visibleTexts } from './helpers.ts';

const LANGS = ['pt-PT', 'en'] as const;
const NOTE = 'Contrato em falta; volta dia 1.';

const withLang = (url: string, lang: string) => `${url}${url.includes('?') ? '&' : '?'}lng=${lang}`;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.runIf(browserAvailable())('the shared casefile: sorting, desks, referrals, the data-protection officer', () => {
  let h: Harness;
  let mediator: Page;
  let alice: Page;
  let sergio: Page;
  let auditor: Page;
  let personId = '';
  const pages = () => [mediator, alice, sergio, auditor].filter(Boolean);

  /** Loads a screen in each staff language and checks it with axe. */
  async function axeInBothLanguages(page: Page, url: string, label: string, ready: (p: Page) => Promise<void>): Promise<void> {
    for (const lang of LANGS) {
      await page.goto(withLang(url, lang));
      await ready(page);
      await expectNoAxeViolations(page, `${label} (${lang})`);
    }
  }

  beforeAll(async () => {
    h = await startHarness();
    mediator = await signedInPage(h, 'mediador.lisboa', 'en');
    alice = await signedInPage(h, 'aima.lisboa', 'en');
    sergio = await signedInPage(h, 'ss.lisboa', 'en');
    auditor = await signedInPage(h, 'auditor', 'en');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the sorting office creates a casefile from the identify panel, links it to the visit and routes the visit to AIMA', async () => {
    await withScreenshots('casefile-sorting', pages, async () => {
      // A W ticket from pre-sorting, in Ukrainian.
      await mediator.goto(`${h.baseUrl}/app/pre-sorting?lng=en`);
      const welcoming = mediator.locator('label.service-tile', { hasText: 'Welcoming and sorting' });
      await welcoming.locator('.tile-queue').first().waitFor();
      await welcoming.click();
      await mediator.locator('label[for=ps-language-uk]').click();
      const issued = mediator.waitForResponse((r) => r.url().endsWith('/api/visits') && r.request().method() === 'POST');
      await mediator.keyboard.press('Enter');
      expect((await issued).status()).toBe(201);

      // A W counter: call it and start.
      await mediator.goto(`${h.baseUrl}/app/counter?lng=en`);
      await takeCounter(mediator);
      await mediator.getByRole('button', { name: 'Call next' }).click();
      const current = mediator.getByTestId('current-ticket');
      await current.locator('.current-number', { hasText: 'W' }).waitFor();
      await mediator.getByRole('button', { name: 'Start', exact: true }).click();

      // Nobody yet: the search finds no one; a new casefile.
      const panel = mediator.getByTestId('identify-casefile');
      await panel.getByRole('button', { name: 'Find the casefile' }).click();
      await panel.getByLabel('Name', { exact: true }).fill('Olena Kovalenko');
      await panel.getByRole('button', { name: 'Search' }).click();
      await panel.getByText('Nobody found.', { exact: false }).waitFor();
      await panel.getByRole('button', { name: 'New casefile' }).click();
      await panel.getByLabel('Full name').fill('Olena Kovalenko');
      await panel.getByLabel('Date of birth').fill('1990-04-02');
      await panel.getByLabel('Nationalities').fill('UA');
      // The ticket's language (Ukrainian) is already ticked.
      expect(await panel.getByRole('checkbox', { name: 'Українська', exact: true }).isChecked()).toBe(true);
      await panel.getByLabel('Number', { exact: true }).fill('FX 123456');
      await panel.getByLabel('Expires on').fill(isoDay(40));
      await expectNoAxeViolations(mediator, 'counter, new casefile form (en)');
      const created = mediator.waitForResponse((r) => r.url().endsWith('/api/persons') && r.request().method() === 'POST');
      await panel.getByRole('button', { name: 'Create casefile' }).click();
      const createdResponse = await created;
      expect(createdResponse.status()).toBe(201);
      expect(createdResponse.request().headers()['x-purpose']).toBe('sorting');
      personId = ((await createdResponse.json()) as { person: { id: string } }).person.id;

      const linked = mediator.waitForResponse((r) => r.url().endsWith('/person') && r.request().method() === 'PUT');
      await panel.getByRole('button', { name: 'Olena Kovalenko is the client' }).click();
      expect((await linked).status()).toBe(200);
      const card = panel.getByTestId('identify-linked');
      await card.waitFor();
      expect(await card.innerText()).toContain('Olena Kovalenko');
      expect(await card.innerText()).toContain('Українська');
      expect(await card.innerText()).toMatch(/Passport[\s\S]*FX 123456[\s\S]*Expires in 40 days/);
      // The fallback name field carries the name with the route.
      expect(await current.locator('.identify-client input').inputValue()).toBe('Olena Kovalenko');
      await expectNoAxeViolations(mediator, 'counter, client identified (en)');
      await screenshot(mediator, 'casefile-identify-en');

      // The same screen in Portuguese, reloaded: the panel still shows the linked person, read again for sorting.
      const reread = mediator.waitForResponse((r) => r.url().endsWith(`/api/persons/${personId}`) && r.request().method() === 'GET');
      await mediator.goto(`${h.baseUrl}/app/counter?lng=pt-PT`);
      const panelPt = mediator.getByTestId('identify-casefile');
      expect((await reread).request().headers()['x-purpose']).toBe('sorting');
      await panelPt.getByTestId('identify-linked').getByText('Olena Kovalenko').waitFor();
      // Another person: find the casefile again.
      await panelPt.getByRole('button', { name: 'Outra pessoa' }).click();
      await panelPt.getByLabel('Nome', { exact: true }).fill('Olena Kovalenko');
      await panelPt.getByRole('button', { name: 'Procurar', exact: true }).click();
      await panelPt.getByText('1 pessoa encontrada').waitFor();
      expect(await panelPt.innerText()).toContain('Mesmo nome');
      await expectNoAxeViolations(mediator, 'counter, casefile search (pt-PT)');
      await panelPt.getByRole('button', { name: 'Olena Kovalenko é o cliente' }).click();
      await panelPt.getByTestId('identify-linked').waitFor();

      // Route to AIMA and finish.
      await mediator.goto(`${h.baseUrl}/app/counter?lng=en`);
      await mediator.getByTestId('current-ticket').waitFor();
      await mediator.locator('#sort-route-add').selectOption({ label: 'A Residence permits and visas' });
      await mediator.getByRole('button', { name: 'Add', exact: true }).click();
      await mediator.getByRole('button', { name: 'Save route' }).click();
      await mediator.getByTestId('counter-message').getByText('Route saved: A.').waitFor();
      await mediator.getByRole('button', { name: 'Finish', exact: true }).click();
      await mediator.locator('form[aria-labelledby=finish-title] button[type=submit]').click();
      await mediator.getByTestId('counter-message').getByText('Client goes on to A', { exact: false }).waitFor();
    });
  });

  it('warns of a likely duplicate when the same person is created again in Cyrillic, with the reasons', async () => {
    await withScreenshots('casefile-duplicate', pages, async () => {
      await alice.goto(`${h.baseUrl}/app/casefile?lng=en`);
      await alice.getByRole('button', { name: 'New casefile' }).click();
      await alice.getByLabel('Full name').fill('Олена Коваленко');
      await alice.locator('#cf-create-birth').fill('1990-04-02');
      await alice.getByRole('button', { name: 'Create casefile' }).click();
      const duplicates = alice.getByTestId('duplicates');
      await duplicates.waitFor();
      const text = await duplicates.innerText();
      expect(text).toContain('This person may already have a casefile');
      expect(text).toContain('Olena Kovalenko');
      expect(text).toContain('Same name');
      expect(text).toContain('Same date of birth');
      await expectNoAxeViolations(alice, 'casefile search, duplicate warning (en)');
      await screenshot(alice, 'casefile-duplicate-en');
      // Opening the existing one instead of creating a second.
      await duplicates.getByRole('button', { name: 'Open the casefile of Olena Kovalenko' }).click();
      await alice.waitForURL((u) => u.pathname === `/app/casefile/${personId}`);
      await alice.getByTestId('casefile-name').getByText('Olena Kovalenko').waitFor();
    });
  });

  it('AIMA opens a case and adds a note; Social Security sees the core but neither the note nor the section', async () => {
    await withScreenshots('casefile-desks', pages, async () => {
      await alice.goto(`${h.baseUrl}/app/casefile?lng=en`);
      await alice.getByLabel('Name', { exact: true }).fill('olena kovalneko');
      await alice.getByRole('button', { name: 'Search' }).click();
      await alice.getByRole('link', { name: 'Open the casefile of Olena Kovalenko' }).click();
      await alice.waitForURL((u) => u.pathname === `/app/casefile/${personId}`);
      const own = alice.getByTestId('own-section');
      await own.getByRole('button', { name: 'Open a case' }).click();
      await own.getByLabel('What the case is about').fill('Renovação de autorização de residência');
      await own.getByLabel('Next step').fill('Trazer contrato de trabalho');
      await own.getByRole('button', { name: 'Open case', exact: true }).click();
      await alice.getByTestId('casefile-message').getByText('Case opened', { exact: false }).waitFor();
      const caseCard = own.getByTestId('case');
      await caseCard.getByLabel('New note').fill(NOTE);
      await caseCard.getByRole('button', { name: 'Add note' }).click();
      await caseCard.getByText(NOTE).waitFor();
      await caseCard.getByRole('heading', { name: '1 note', exact: true }).waitFor();
      // Each note names who wrote it.
      expect(await caseCard.locator('.note').first().innerText()).toContain('Written by Alice Oficial AIMA');
      // Status and next step.
      await caseCard.getByRole('button', { name: /Change status or next step/ }).click();
      await caseCard.locator('select').selectOption('waiting_for_client');
      await caseCard.getByRole('button', { name: 'Save' }).click();
      await caseCard.getByText('Waiting for the client').waitFor();
      // The core, with the expiry badge, and the timeline.
      expect(await alice.getByTestId('core').innerText()).toMatch(/Expires in 40 days/);
      expect(await alice.locator('.timeline').innerText()).toMatch(/Residence permits|opened a case/);
      await screenshot(alice, 'casefile-aima-en');
      await axeInBothLanguages(alice, `${h.baseUrl}/app/casefile/${personId}`, 'casefile (AIMA)', (p) => p.getByTestId('case').waitFor());
      await axeInBothLanguages(alice, `${h.baseUrl}/app/casefile`, 'casefile search', (p) => p.locator('form[role=search]').waitFor());
      await axeInBothLanguages(alice, `${h.baseUrl}/app/casefile/expiring`, 'expiring documents', (p) => p.getByTestId('expiring-table').waitFor());
      expect(await alice.getByTestId('expiring-table').innerText()).toContain('Olena Kovalenko');

      await sergio.goto(`${h.baseUrl}/app/casefile/${personId}?lng=en`);
      await sergio.getByTestId('casefile-name').getByText('Olena Kovalenko').waitFor();
      await sergio.getByTestId('shared-sections').getByText('No other partner shares').waitFor();
      const body = await sergio.locator('body').innerText();
      expect(body).not.toContain(NOTE);
      expect(body).not.toContain('Renovação');
      expect(body).toContain('FX 123456'); // the shared core
    });
  });

  it('AIMA shares its section with Social Security with consent; Sérgio accepts and sees the note; AIMA revokes and he no longer does', async () => {
    await withScreenshots('casefile-referral', pages, async () => {
      // The "shared with" list asks for this person's referrals only (no audited reads of others).
      const listed = alice.waitForResponse((r) => r.url().includes('/api/referrals?') && r.request().method() === 'GET');
      await alice.goto(`${h.baseUrl}/app/casefile/${personId}?lng=en`);
      const listedUrl = new URL((await listed).url());
      expect(listedUrl.searchParams.get('direction')).toBe('outgoing');
      expect(listedUrl.searchParams.get('personId')).toBe(personId);
      const own = alice.getByTestId('own-section');
      await own.getByRole('button', { name: 'Share this section with another partner' }).click();
      await own.getByLabel('Share with').selectOption({ label: 'Social Security Institute' });
      await own.getByLabel('Purpose').fill('Pedido de prestação social depende da autorização de residência');
      await own.getByLabel('Consent given by').fill('Olena Kovalenko (a própria)');
      await expectNoAxeViolations(alice, 'share form (en)');
      await own.getByRole('button', { name: 'Share section' }).click();
      await alice.getByTestId('casefile-message').getByText('Shared with Social Security Institute', { exact: false }).waitFor();
      await own.getByTestId('referrals-outgoing').getByText('Waiting for acceptance').waitFor();

      await sergio.goto(`${h.baseUrl}/app/referrals?lng=en`);
      const incoming = sergio.getByTestId('referrals-incoming');
      await incoming.getByRole('link', { name: 'Olena Kovalenko' }).waitFor();
      await axeInBothLanguages(sergio, `${h.baseUrl}/app/referrals`, 'referrals', (p) => p.getByTestId('referrals-incoming').waitFor());
      await sergio.goto(`${h.baseUrl}/app/referrals?lng=en`);
      await sergio.getByRole('button', { name: 'Accept the referral for Olena Kovalenko' }).click();
      await sergio.getByTestId('referrals-message').getByText('Accepted', { exact: false }).waitFor();
      await sergio.getByRole('link', { name: 'Open the shared section of Olena Kovalenko' }).click();
      const shared = sergio.getByTestId('shared-sections');
      await shared.getByText(NOTE).waitFor();
      expect(await shared.innerText()).toContain('Written by Alice Oficial AIMA');
      expect(await shared.innerText()).toContain('Shared by AIMA — Foreigners and Borders (Ministry of the Interior) until');
      // Read only: no note form in a shared section.
      expect(await shared.getByLabel('New note').count()).toBe(0);
      await screenshot(sergio, 'casefile-shared-en');
      await axeInBothLanguages(sergio, sergio.url().replace(/[?&]lng=[^&]*/, ''), 'casefile with a shared section', (p) => p.getByTestId('shared-sections').getByText(NOTE).waitFor());
      const sharedUrl = sergio.url().replace(/[?&]lng=[^&]*/, '');

      await alice.goto(`${h.baseUrl}/app/referrals?lng=en`);
      await alice.getByRole('button', { name: 'Revoke the referral for Olena Kovalenko' }).click();
      await alice.getByRole('button', { name: 'Yes, revoke' }).click();
      await alice.getByTestId('referrals-message').getByText('Revoked', { exact: false }).waitFor();
      await alice.getByTestId('referrals-outgoing').getByText('Revoked', { exact: true }).waitFor();

      await sergio.goto(withLang(sharedUrl, 'en'));
      await sergio.getByTestId('section-refused').waitFor();
      expect(await sergio.locator('body').innerText()).not.toContain(NOTE);
    });
  });

  it("the data-protection officer sees Sérgio's refused attempt, his read under the referral and Alice's writes, each with its purpose", async () => {
    await withScreenshots('casefile-audit', pages, async () => {
      await auditor.goto(`${h.baseUrl}/app/audit?lng=en`);
      await auditor.getByTestId('chain-status').getByText('The audit log is intact', { exact: false }).waitFor();
      await auditor.getByLabel('Casefile number (person id)').fill(personId);
      await auditor.getByRole('button', { name: 'Show accesses' }).click();
      const table = auditor.getByTestId('audit-table');
      await table.waitFor();
      const rows = await table.locator('tbody tr').allInnerTexts();
      const sergioRows = rows.filter((r) => r.includes('Sérgio Segurança Social'));
      expect(sergioRows.some((r) => r.includes('Refused') && r.includes('Denied') && r.includes('Referral'))).toBe(true);
      expect(sergioRows.some((r) => /Read\s+Allowed/.test(r) && r.includes('Referral') && !r.includes('Core'))).toBe(true);
      const aliceRows = rows.filter((r) => r.includes('Alice Oficial AIMA'));
      expect(aliceRows.some((r) => r.includes('Write') && r.includes('Service at a desk') && r.includes('Note added'))).toBe(true);
      expect(aliceRows.some((r) => r.includes('Sharing') && r.includes('Referral revoked'))).toBe(true);
      expect(rows.some((r) => r.includes('Mamadu Mediador') && r.includes('Welcoming and sorting') && r.includes('Casefile created'))).toBe(true);
      await screenshot(auditor, 'casefile-audit-en');

      // Only the AIMA section.
      await auditor.getByLabel('Part of the casefile').selectOption({ label: 'AIMA — Foreigners and Borders (Ministry of the Interior)' });
      await auditor.waitForURL((u) => u.searchParams.has('section'));
      await table.waitFor();
      await expect.poll(async () => (await table.locator('tbody tr').allInnerTexts()).every((r) => !r.includes('Core (identity'))).toBe(true);

      // The export downloads JSON with everything held.
      const download = auditor.waitForEvent('download');
      await auditor.getByRole('button', { name: 'Export everything held (JSON)' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`casefile-${personId}.json`);

      // Finding the data subject by name.
      await auditor.goto(`${h.baseUrl}/app/audit?lng=en`);
      await auditor.locator('#audit-q').fill('Olena');
      await auditor.getByRole('button', { name: 'Search' }).click();
      await auditor.getByRole('button', { name: 'Show who accessed the casefile of Olena Kovalenko' }).click();
      await auditor.waitForURL((u) => u.searchParams.get('person') === personId);
      await auditor.getByTestId('audit-table').waitFor();

      await axeInBothLanguages(auditor, `${h.baseUrl}/app/audit?person=${personId}`, 'data-protection officer', (p) => p.getByTestId('audit-table').waitFor());
    });
  });

  it('the pseudo-locale shows no unmarked text on the casefile screen', async () => {
    await withScreenshots('casefile-pseudo', pages, async () => {
      await alice.goto(`${h.baseUrl}/app/casefile/${personId}?lng=en-XA`);
      await alice.getByTestId('case').waitFor();
      const texts = await visibleTexts(alice);
      expect(texts.length).toBeGreaterThan(10);
      const bare = texts.filter((t) => /\p{L}/u.test(t) && !t.includes('[!!') && !t.includes('!!]'));
      expect(bare, 'hard-coded text on the casefile screen').toEqual([]);
    });
  });
});
