import { Type } from 'typebox';
import { MAX_PNG_BYTES } from '../../../core/branding.ts';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { errorResponses, type App } from '../../http/types.ts';
import * as branding from './service.ts';

const Colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' });
const Colours = Type.Object(
  {
    primary: Colour,
    primaryText: Colour,
  },
  { additionalProperties: false, description: 'primary: links and buttons on the white page (at least 4.5:1 with white); primaryText: text on the primary colour (at least 4.5:1 with it)' },
);
const BrandingInput = Type.Object({ name: Type.Union([Type.String({ maxLength: 80 }), Type.Null()]), colours: Colours }, { additionalProperties: false });
const BrandingView = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  colours: Colours,
  logo: Type.Union([Type.Object({ type: Type.String(), url: Type.String() }), Type.Null()]),
  stylesheetUrl: Type.String(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
const LogoInput = Type.Object(
  {
    type: Type.String({ description: 'image/png (at most 200 KB, 2000 px a side) or image/svg+xml (at most 50 KB, no script, event handlers or outside references)' }),
    // Base64 of the largest PNG accepted, with room to spare; the exact limit is checked on the bytes.
    data: Type.String({ maxLength: Math.ceil((MAX_PNG_BYTES * 4) / 3) + 1024, description: 'the file, base64' }),
  },
  { additionalProperties: false },
);
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Statement = Type.Object(
  {
    status: Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('none')]),
    nonAccessible: Type.Record(Type.String(), Type.String({ maxLength: 4000 }), { description: `non-accessible content, per language (${CLIENT_LANGUAGES.join(', ')})` }),
    contactEmail: Type.Union([Type.String({ format: 'email', maxLength: 120 }), Type.Null()]),
    contactPhone: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
    enforcementBody: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    enforcementUrl: Type.Union([Type.String({ pattern: '^https://', maxLength: 300 }), Type.Null()]),
    preparedOn: Day,
    reviewedOn: Type.Union([Day, Type.Null()]),
  },
  { additionalProperties: false },
);
const StatementView = Type.Intersect([Statement, Type.Object({ updatedAt: Type.Union([Type.String(), Type.Null()]) })]);

/**
 * The network's branding and accessibility statement: read by anyone (the public site, devices),
 * changed by the network administrator.
 */
export function brandingRoutes(app: App, ctx: AppContext): void {
  const read = { action: 'public.read' } as const;
  const configure = { action: 'network.configure' } as const;
  const tags = ['Network branding'];
  const actorId = (actor: unknown) => (actor as StaffActor).id;

  app.get('/api/network/branding', { config: read, schema: { tags, summary: "The network's name, colours and logo", response: { 200: BrandingView, ...errorResponses } } }, async () => branding.getBranding(ctx));
  app.put(
    '/api/network/branding',
    { config: configure, schema: { tags, summary: "Set the network's name and colours (checked for WCAG AA contrast)", body: BrandingInput, response: { 200: BrandingView, ...errorResponses } } },
    async (req) => branding.setBranding(ctx, actorId(req.actor), req.body),
  );
  app.put(
    '/api/network/branding/logo',
    { config: configure, bodyLimit: 1024 * 1024, schema: { tags, summary: "Set the network's logo (PNG or a script-free SVG)", body: LogoInput, response: { 200: BrandingView, ...errorResponses } } },
    async (req) => branding.setLogo(ctx, actorId(req.actor), req.body),
  );
  app.delete('/api/network/branding/logo', { config: configure, schema: { tags, summary: "Remove the network's logo", response: { 200: BrandingView, ...errorResponses } } }, async () =>
    branding.deleteLogo(ctx),
  );
  app.get(
    '/api/network/accessibility-statement',
    { config: read, schema: { tags, summary: "The accessibility statement's content (EU Web Accessibility Directive model)", response: { 200: StatementView, ...errorResponses } } },
    async () => branding.getStatement(ctx),
  );
  app.put(
    '/api/network/accessibility-statement',
    { config: configure, schema: { tags, summary: 'Set the accessibility statement: conformance, non-accessible content per language, contact, enforcement, dates', body: Statement, response: { 200: StatementView, ...errorResponses } } },
    async (req) => branding.setStatement(ctx, actorId(req.actor), req.body),
  );

  // For the public site's pages: the colours as a stylesheet and the logo, both cached by version.
  app.get('/site/brand.css', { config: read, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(await branding.brandStylesheet(ctx)),
  );
  app.get('/site/logo', { config: read, schema: { hide: true } }, async (_req, reply) => {
    const logo = await branding.getLogo(ctx);
    if (!logo) return reply.status(404).type('text/plain').send('no logo');
    return (
      reply
        .type(logo.type)
        // An SVG opened on its own still runs nothing and loads nothing.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=86400')
        .send(logo.bytes)
    );
  });
}
