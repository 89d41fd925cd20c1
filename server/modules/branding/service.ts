import { createHash } from 'node:crypto';
import { colourProblems, darker, DEFAULT_COLOURS, logoProblem, type Branding, type LogoType } from '../../../core/branding.ts';
import { CLIENT_LANGUAGES } from '../../../core/languages.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import type { SiteBrand } from '../public-site/layout.tsx';
import * as store from './store.ts';

export interface BrandingView extends Branding {
  /** The logo as the public site serves it, or null. */
  logo: { type: LogoType; url: string } | null;
  /** The stylesheet with the colours, for the public site (and devices later). */
  stylesheetUrl: string;
  updatedAt: string | null;
}

interface StoredLogo {
  type: LogoType;
  /** The file, base64. */
  data: string;
}

export type ConformanceStatus = 'full' | 'partial' | 'none';

/** The accessibility statement's parts the network sets (the EU model's headings are fixed and translated). */
export interface AccessibilityStatement {
  status: ConformanceStatus;
  /** Non-accessible content, per language (written by the network; the page falls back and says so). */
  nonAccessible: Record<string, string>;
  contactEmail: string | null;
  contactPhone: string | null;
  /** The body that enforces the rules, by its own name, and its address. */
  enforcementBody: string | null;
  enforcementUrl: string | null;
  /** YYYY-MM-DD */
  preparedOn: string;
  reviewedOn: string | null;
}

export const DEFAULT_STATEMENT: AccessibilityStatement = {
  status: 'partial',
  nonAccessible: {},
  contactEmail: null,
  contactPhone: null,
  enforcementBody: null,
  enforcementUrl: null,
  preparedOn: '2026-12-05',
  reviewedOn: null,
};

const version = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);

// The public site reads the branding on every page: kept per app for a few seconds (a change made on
// this node shows at once; on another node within CACHE_MS).
const CACHE_MS = 10_000;
const cache = new WeakMap<AppContext, { at: number; view: BrandingView; logo: StoredLogo | null }>();

async function load(ctx: AppContext): Promise<{ view: BrandingView; logo: StoredLogo | null }> {
  const hit = cache.get(ctx);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit;
  const [branding, logo] = await Promise.all([store.readSetting<Branding>(ctx.db, 'branding'), store.readSetting<StoredLogo>(ctx.db, 'logo')]);
  const value: Branding = branding?.value ?? { name: null, colours: DEFAULT_COLOURS };
  const view: BrandingView = {
    ...value,
    logo: logo ? { type: logo.value.type, url: `/site/logo?v=${version(logo.value.data)}` } : null,
    stylesheetUrl: `/site/brand.css?v=${version(value.colours)}`,
    updatedAt: branding?.updatedAt ?? null,
  };
  const entry = { at: now, view, logo: logo?.value ?? null };
  cache.set(ctx, entry);
  return entry;
}

export const getBranding = async (ctx: AppContext) => (await load(ctx)).view;

/** What the public site's header needs; the default colours need no extra stylesheet. */
export async function siteBrand(ctx: AppContext): Promise<SiteBrand> {
  const view = await getBranding(ctx);
  const custom = view.colours.primary !== DEFAULT_COLOURS.primary || view.colours.primaryText !== DEFAULT_COLOURS.primaryText;
  return { name: view.name, logoUrl: view.logo?.url ?? null, stylesheetUrl: custom ? view.stylesheetUrl : null };
}

/** The colours as CSS custom properties, overriding the site stylesheet's defaults. */
export async function brandStylesheet(ctx: AppContext): Promise<string> {
  const { colours } = await getBranding(ctx);
  return `:root { --brand: ${colours.primary}; --brand-dark: ${darker(colours.primary)}; --brand-text: ${colours.primaryText}; }\n`;
}

export async function getLogo(ctx: AppContext): Promise<{ type: LogoType; bytes: Buffer } | null> {
  const { logo } = await load(ctx);
  return logo ? { type: logo.type, bytes: Buffer.from(logo.data, 'base64') } : null;
}

export async function setBranding(ctx: AppContext, actorId: string, input: Branding): Promise<BrandingView> {
  const problems = colourProblems(input.colours);
  const first = problems[0];
  if (first) {
    const vars: Record<string, string | number> = { field: first.field, ...(first.ratio != null ? { ratio: first.ratio, against: first.against!, minimum: 4.5 } : {}) };
    throw new AppError(400, first.code, vars, Object.fromEntries(problems.map((p) => [`colours.${p.field}`, p.code])));
  }
  const name = input.name?.trim() || null;
  await store.writeSetting(ctx.db, 'branding', { name, colours: { primary: input.colours.primary.toLowerCase(), primaryText: input.colours.primaryText.toLowerCase() } }, ctx.now().toISOString(), actorId);
  cache.delete(ctx);
  return getBranding(ctx);
}

export async function setLogo(ctx: AppContext, actorId: string, input: { type: string; data: string }): Promise<BrandingView> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data)) throw new AppError(400, 'logo_encoding');
  const bytes = Buffer.from(input.data, 'base64');
  const problem = logoProblem(input.type, bytes);
  if (problem) throw new AppError(problem === 'logo_too_large' ? 413 : 400, problem, { png: 200, svg: 50 });
  await store.writeSetting(ctx.db, 'logo', { type: input.type, data: bytes.toString('base64') }, ctx.now().toISOString(), actorId);
  cache.delete(ctx);
  return getBranding(ctx);
}

export async function deleteLogo(ctx: AppContext): Promise<BrandingView> {
  await store.deleteSetting(ctx.db, 'logo');
  cache.delete(ctx);
  return getBranding(ctx);
}

export async function getStatement(ctx: AppContext): Promise<AccessibilityStatement & { updatedAt: string | null }> {
  const row = await store.readSetting<AccessibilityStatement>(ctx.db, 'accessibility');
  return { ...DEFAULT_STATEMENT, ...row?.value, updatedAt: row?.updatedAt ?? null };
}

export async function setStatement(ctx: AppContext, actorId: string, input: AccessibilityStatement): Promise<AccessibilityStatement & { updatedAt: string | null }> {
  const unknown = Object.keys(input.nonAccessible).find((l) => !(CLIENT_LANGUAGES as readonly string[]).includes(l));
  if (unknown) throw new AppError(400, 'statement_language', { language: unknown, languages: CLIENT_LANGUAGES.join(', ') });
  if (input.reviewedOn && input.reviewedOn < input.preparedOn) throw new AppError(400, 'statement_review_before_preparation', {}, { reviewedOn: 'statement_review_before_preparation' });
  const nonAccessible = Object.fromEntries(Object.entries(input.nonAccessible).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  const blank = (s: string | null) => s?.trim() || null;
  const value: AccessibilityStatement = {
    status: input.status,
    nonAccessible,
    contactEmail: blank(input.contactEmail),
    contactPhone: blank(input.contactPhone),
    enforcementBody: blank(input.enforcementBody),
    enforcementUrl: blank(input.enforcementUrl),
    preparedOn: input.preparedOn,
    reviewedOn: input.reviewedOn,
  };
  await store.writeSetting(ctx.db, 'accessibility', value, ctx.now().toISOString(), actorId);
  return getStatement(ctx);
}
