import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { colourProblems, contrastRatio, logoProblem } from '../../../core/branding.ts';
import { TEST_DATABASES } from '../../test-support/db.ts';
import { openTestApi, type Client, type TestApi } from '../../test-support/api.ts';

/** A real PNG of w×h pixels (one grey row repeated), small enough for any test. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(w, 0x80)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b4f8a"/></svg>';

describe('brand checks', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
  it('refuses colours that fail AA against the page or their text', () => {
    expect(colourProblems({ primary: '#0b4f8a', primaryText: '#ffffff' })).toEqual([]);
    expect(colourProblems({ primary: '#ffcc00', primaryText: '#000000' }).map((p) => p.field)).toEqual(['primary']);
    expect(colourProblems({ primary: '#0b4f8a', primaryText: '#0b4f8b' }).map((p) => p.field)).toEqual(['primaryText']);
    expect(colourProblems({ primary: 'blue', primaryText: '#fff' }).map((p) => p.code)).toEqual(['brand_colour_format', 'brand_colour_format']);
  });
  it('accepts a small PNG or a plain SVG and refuses anything active or oversized', () => {
    expect(logoProblem('image/png', png(40, 20))).toBeNull();
    expect(logoProblem('image/png', png(2001, 1))).toBe('logo_dimensions');
    expect(logoProblem('image/png', Buffer.from(SVG))).toBe('logo_not_png');
    expect(logoProblem('image/svg+xml', Buffer.from(SVG))).toBeNull();
    expect(logoProblem('image/svg+xml', Buffer.from(`<?xml version="1.0"?>\n${SVG}`))).toBeNull();
    for (const bad of [
      SVG.replace('<rect', '<script>alert(1)</script><rect'),
      SVG.replace('<rect', '<rect onload="alert(1)"'),
      SVG.replace('<rect', '<a href="javascript:alert(1)"><rect').replace('</svg>', '</a></svg>'),
      SVG.replace('<rect', '<image href="https://tracker.example/x.png"/><rect'),
      SVG.replace('<rect', '<foreignObject><div/></foreignObject><rect'),
      `<!DOCTYPE svg [<!ENTITY x "y">]>${SVG}`,
      SVG.replace('fill="#0b4f8a"', 'style="fill:url(https://x.example/a)"'),
    ])
      expect(logoProblem('image/svg+xml', Buffer.from(bad)), bad).toBe('logo_svg_active');
    expect(logoProblem('image/svg+xml', Buffer.from('<html></html>'))).toBe('logo_not_svg');
    expect(logoProblem('image/svg+xml', Buffer.alloc(60 * 1024, 32))).toBe('logo_too_large');
    expect(logoProblem('image/gif', Buffer.from('GIF89a'))).toBe('logo_type');
  });
});

describe.each(TEST_DATABASES)('network branding and accessibility statement on %s', (kind) => {
  let api: TestApi;
  let admin: Client;
  beforeAll(async () => {
    api = await openTestApi(kind);
    admin = await api.signIn('admin');
  });
  afterAll(async () => api.close());

  it('the administrator sets the name and colours; the public site shows them; nobody else may', async () => {
    const before = await api.anonymous.request('GET', '/api/network/branding');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ name: null, colours: { primary: '#0b4f8a', primaryText: '#ffffff' }, logo: null });
    // The default colours need no extra stylesheet.
    expect((await api.anonymous.request('GET', '/en/')).body).not.toContain('/site/brand.css');

    const mediator = await api.signIn('mediador.lisboa');
    const denied = await mediator.request('PUT', '/api/network/branding', { name: 'X', colours: { primary: '#000000', primaryText: '#ffffff' } });
    expect(denied.statusCode).toBe(403);
    expect((await api.anonymous.request('PUT', '/api/network/branding', { name: 'X', colours: { primary: '#000000', primaryText: '#ffffff' } })).statusCode).toBe(401);

    const set = await admin.request('PUT', '/api/network/branding', { name: 'Rede CNAI', colours: { primary: '#6A1B4D', primaryText: '#FFFFFF' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ name: 'Rede CNAI', colours: { primary: '#6a1b4d', primaryText: '#ffffff' } });
    const home = (await api.anonymous.request('GET', '/pt-PT/')).body;
    expect(home).toContain('<span>Rede CNAI</span>');
    const css = home.match(/href="(\/site\/brand\.css\?v=[0-9a-f]+)"/)?.[1];
    expect(css).toBeTruthy();
    const sheet = await api.anonymous.request('GET', css!);
    expect(sheet.headers['content-type']).toMatch(/text\/css/);
    expect(sheet.body).toContain('--brand: #6a1b4d;');
    expect(sheet.body).toContain('--brand-text: #ffffff;');
  });

  it('refuses colours without enough contrast, saying which and by how much, and keeps the old ones', async () => {
    const res = await admin.request('PUT', '/api/network/branding', { name: 'Rede CNAI', colours: { primary: '#ffcc00', primaryText: '#000000' } }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('brand_contrast');
    expect(res.json().error.message).toMatch(/primary has a contrast of 1\.\d+:1 with #ffffff; text needs at least 4.5:1/);
    expect((await admin.request('PUT', '/api/network/branding', { name: null, colours: { primary: 'red', primaryText: '#fff' } })).statusCode).toBe(400);
    expect((await api.anonymous.request('GET', '/api/network/branding')).json().colours.primary).toBe('#6a1b4d');
  });

  it('takes a PNG or a plain SVG logo, serves it with a locked-down policy, refuses a scripted SVG', async () => {
    const logo = png(80, 40);
    const res = await admin.request('PUT', '/api/network/branding/logo', { type: 'image/png', data: logo.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    const url = res.json().logo.url as string;
    expect(url).toMatch(/^\/site\/logo\?v=/);
    const served = await api.anonymous.request('GET', url);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(logo)).toBe(true);
    expect((await api.anonymous.request('GET', '/en/')).body).toContain(`<img src="${url.replace('&', '&amp;')}" alt=""/>`);

    const scripted = await admin.request('PUT', '/api/network/branding/logo', { type: 'image/svg+xml', data: Buffer.from(SVG.replace('<rect', '<rect onclick="x()"')).toString('base64') }, { 'accept-language': 'en' });
    expect(scripted.statusCode).toBe(400);
    expect(scripted.json().error.code).toBe('logo_svg_active');
    const big = await admin.request('PUT', '/api/network/branding/logo', { type: 'image/svg+xml', data: Buffer.alloc(60 * 1024, 32).toString('base64') });
    expect(big.statusCode).toBe(413);
    // Still the PNG.
    expect((await api.anonymous.request('GET', '/api/network/branding')).json().logo.type).toBe('image/png');

    const svg = await admin.request('PUT', '/api/network/branding/logo', { type: 'image/svg+xml', data: Buffer.from(SVG).toString('base64') });
    expect(svg.statusCode).toBe(200);
    const servedSvg = await api.anonymous.request('GET', svg.json().logo.url);
    expect(servedSvg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(String(servedSvg.headers['content-security-policy'])).toContain("default-src 'none'");
    expect((await admin.request('DELETE', '/api/network/branding/logo')).json().logo).toBeNull();
    expect((await api.anonymous.request('GET', '/site/logo')).statusCode).toBe(404);
  });

  it('the accessibility statement: EU model headings in every language, the facts the administrator sets', async () => {
    const page = await api.anonymous.request('GET', '/en/accessibility');
    expect(page.statusCode).toBe(200);
    for (const heading of ['Compliance status', 'Content that is not accessible', 'Preparation of this statement', 'Feedback and contact', 'Enforcement procedure']) expect(page.body).toContain(heading);
    expect(page.body).toContain('partially compliant');
    expect((await api.anonymous.request('GET', '/ar/accessibility')).body).toContain('بيان إمكانية الوصول');

    const statement = {
      status: 'partial',
      nonAccessible: { 'pt-PT': 'Os PDF antigos não têm etiquetas.', en: 'Older PDF files are not tagged.' },
      contactEmail: 'acessibilidade@cnai.example',
      contactPhone: '+351 218 106 100',
      enforcementBody: 'AMA — Agência para a Modernização Administrativa',
      enforcementUrl: 'https://www.acessibilidade.gov.pt/',
      preparedOn: '2026-12-01',
      reviewedOn: '2026-12-05',
    };
    expect((await api.signIn('mediador.lisboa').then((m) => m.request('PUT', '/api/network/accessibility-statement', statement))).statusCode).toBe(403);
    const saved = await admin.request('PUT', '/api/network/accessibility-statement', statement);
    expect(saved.statusCode, saved.body).toBe(200);
    const en = (await api.anonymous.request('GET', '/en/accessibility')).body;
    expect(en).toContain('Older PDF files are not tagged.');
    expect(en).toContain('href="mailto:acessibilidade@cnai.example"');
    expect(en).toContain('href="tel:+351218106100"');
    expect(en).toContain('href="https://www.acessibilidade.gov.pt/"');
    expect(en).toContain('December 1, 2026');
    // A language the network did not write falls back, marked with the text's own language.
    expect((await api.anonymous.request('GET', '/uk/accessibility')).body).toMatch(/<div lang="(pt-PT|en)" dir="ltr"><p>(Os PDF antigos|Older PDF)/);

    expect((await admin.request('PUT', '/api/network/accessibility-statement', { ...statement, nonAccessible: { xx: 'x' } })).statusCode).toBe(400);
    expect((await admin.request('PUT', '/api/network/accessibility-statement', { ...statement, reviewedOn: '2026-11-01' })).statusCode).toBe(400);
    expect((await admin.request('PUT', '/api/network/accessibility-statement', { ...statement, enforcementUrl: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await api.anonymous.request('GET', '/api/network/accessibility-statement')).json().contactEmail).toBe('acessibilidade@cnai.example');
  });
});
