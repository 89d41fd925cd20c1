import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import { mapClaims, providerProvedSecondFactor, type SsoRule } from '../../../core/sso.ts';
import { isRole, type Role } from '../../../core/roles.ts';
import type { AppContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../http/errors.ts';
import { openSession } from '../auth/service.ts';
import { newToken, tokenHash } from '../auth/tokens.ts';
import { findUserById, insertUser, updateUser } from '../staff/store.ts';
import * as store from './store.ts';
import type { SsoProviderRow } from './store.ts';

/** A provider as the network administrator sees and edits it (the secret only by reference). */
export interface SsoProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretRef: string | null;
  scopes: string;
  groupsClaim: string;
  rules: SsoRule[];
  mfaAcr: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type SsoProviderInput = Omit<SsoProvider, 'id' | 'createdAt' | 'updatedAt'>;

export const toProvider = (row: SsoProviderRow): SsoProvider => ({
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  clientSecretRef: row.client_secret_ref,
  scopes: row.scopes,
  groupsClaim: row.groups_claim,
  rules: JSON.parse(row.rules) as SsoRule[],
  mfaAcr: JSON.parse(row.mfa_acr) as string[],
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Where the provider sends the browser back; registered with the provider as the redirect URI. */
export const callbackPath = (providerId: string) => `/auth/sso/${providerId}/callback`;

/** Loopback issuers may use plain HTTP (a provider on the same machine, tests); all others HTTPS. */
function issuerAllowed(issuer: string): boolean {
  try {
    const url = new URL(issuer);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

async function checkInput(ctx: AppContext, input: Partial<SsoProviderInput>): Promise<void> {
  if (input.issuer !== undefined && !issuerAllowed(input.issuer)) throw fieldError('issuer', 'sso_issuer_invalid');
  if (input.scopes !== undefined && !input.scopes.split(/\s+/).includes('openid')) throw fieldError('scopes', 'sso_scopes_openid');
  for (const rule of input.rules ?? []) {
    if (rule.roles.length === 0 || !rule.roles.every(isRole)) throw fieldError('rules', 'sso_rule_roles');
    if (rule.partnerId && !(await ctx.db.selectFrom('partner').select('id').where('id', '=', rule.partnerId).executeTakeFirst())) throw fieldError('rules', 'sso_rule_partner');
    if (rule.centreId && !(await ctx.db.selectFrom('centre').select('id').where('id', '=', rule.centreId).executeTakeFirst())) throw fieldError('rules', 'sso_rule_centre');
  }
}

export async function listProviders(ctx: AppContext): Promise<SsoProvider[]> {
  return (await store.listProviders(ctx.db)).map(toProvider);
}

export async function createProvider(ctx: AppContext, input: SsoProviderInput): Promise<SsoProvider> {
  await checkInput(ctx, input);
  const now = ctx.now().toISOString();
  const row: SsoProviderRow = {
    id: randomUUID(),
    name: input.name.trim(),
    issuer: input.issuer.trim(),
    client_id: input.clientId.trim(),
    client_secret_ref: input.clientSecretRef?.trim() || null,
    scopes: input.scopes.trim(),
    groups_claim: input.groupsClaim.trim(),
    rules: JSON.stringify(input.rules),
    mfa_acr: JSON.stringify(input.mfaAcr),
    active: input.active ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await store.insertProvider(ctx.db, row);
  return toProvider(row);
}

export async function updateProvider(ctx: AppContext, id: string, input: Partial<SsoProviderInput>): Promise<SsoProvider> {
  if (!(await store.findProvider(ctx.db, id))) throw notFound();
  await checkInput(ctx, input);
  const changes: Partial<SsoProviderRow> = { updated_at: ctx.now().toISOString() };
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.issuer !== undefined) changes.issuer = input.issuer.trim();
  if (input.clientId !== undefined) changes.client_id = input.clientId.trim();
  if (input.clientSecretRef !== undefined) changes.client_secret_ref = input.clientSecretRef?.trim() || null;
  if (input.scopes !== undefined) changes.scopes = input.scopes.trim();
  if (input.groupsClaim !== undefined) changes.groups_claim = input.groupsClaim.trim();
  if (input.rules !== undefined) changes.rules = JSON.stringify(input.rules);
  if (input.mfaAcr !== undefined) changes.mfa_acr = JSON.stringify(input.mfaAcr);
  if (input.active !== undefined) changes.active = input.active ? 1 : 0;
  await store.updateProvider(ctx.db, id, changes);
  discovered.delete(id);
  return toProvider((await store.findProvider(ctx.db, id))!);
}

/** What the sign-in page offers: the active providers, and whether the password form is shown. */
export async function signInOptions(ctx: AppContext): Promise<{ providers: { id: string; name: string }[]; localSignIn: 'all' | 'admins' | 'none' }> {
  const providers = (await store.listProviders(ctx.db)).filter((p) => p.active === 1).map((p) => ({ id: p.id, name: p.name }));
  return { providers, localSignIn: ctx.config.localSignIn };
}

/** The client secret a reference points to (env:NAME or file:/path); undefined for a public client. */
export function resolveSecret(ref: string | null, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!ref) return undefined;
  if (ref.startsWith('env:')) {
    const value = env[ref.slice(4)];
    if (!value) throw new Error(`the client secret variable ${ref.slice(4)} is not set`);
    return value;
  }
  if (ref.startsWith('file:')) return readFileSync(ref.slice(5), 'utf8').trim();
  throw new Error('the client secret reference must be env:NAME or file:/path');
}

/** Discovered provider metadata per provider (refreshed when the provider is edited, or on failure). */
const discovered = new Map<string, { updatedAt: string; config: oidc.Configuration }>();

/** The provider is unreachable or misconfigured: a 503 page, logged with the cause. */
export class SsoUnavailable extends AppError {
  constructor(readonly failure: unknown) {
    super(503, 'sso_unavailable');
  }
}

async function configurationOf(provider: SsoProviderRow): Promise<oidc.Configuration> {
  const cached = discovered.get(provider.id);
  if (cached && cached.updatedAt === provider.updated_at) return cached.config;
  try {
    const secret = resolveSecret(provider.client_secret_ref);
    const insecure = new URL(provider.issuer).protocol === 'http:';
    const config = await oidc.discovery(
      new URL(provider.issuer),
      provider.client_id,
      secret,
      secret === undefined ? oidc.None() : undefined,
      { ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}), timeout: 10 },
    );
    discovered.set(provider.id, { updatedAt: provider.updated_at, config });
    return config;
  } catch (err) {
    throw new SsoUnavailable(err);
  }
}

async function activeProvider(ctx: AppContext, id: string): Promise<SsoProviderRow> {
  const provider = await store.findProvider(ctx.db, id);
  if (!provider || provider.active !== 1) throw new AppError(404, 'sso_provider_unknown');
  return provider;
}

const PENDING_MINUTES = 10;

/**
 * Starts a sign-in: a PKCE verifier, state and nonce kept in the database (the browser may come
 * back to another node), bound to this browser by a random value its cookie carries.
 */
export async function startSignIn(ctx: AppContext, providerId: string, redirectUri: string): Promise<{ authorizationUrl: string; browserToken: string }> {
  const provider = await activeProvider(ctx, providerId);
  const config = await configurationOf(provider);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const browserToken = newToken();
  const now = ctx.now();
  await store.deleteExpiredPending(ctx.db, now.toISOString());
  await store.insertPending(ctx.db, {
    id: tokenHash(state),
    provider_id: provider.id,
    browser_hash: tokenHash(browserToken),
    code_verifier: codeVerifier,
    nonce,
    redirect_uri: redirectUri,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PENDING_MINUTES * 60_000).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { authorizationUrl: url.href, browserToken };
}

/** A refusal the person can understand: shown as a translated page with status 403. */
export class SsoRefused extends AppError {
  constructor(code: 'sso_no_role' | 'sso_no_partner' | 'sso_account_disabled' | 'sso_expired' | 'sso_denied') {
    super(403, code);
  }
}

const usernameBase = (claims: Record<string, unknown>, subject: string): string => {
  const raw = [claims.preferred_username, claims.email, subject].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? subject;
  const clean = raw.toLowerCase().replace(/[^a-z0-9._@-]+/g, '-').slice(0, 80);
  return clean || 'sso-user';
};

async function freeUsername(ctx: AppContext, base: string, subject: string): Promise<string> {
  if (!(await store.usernameTaken(ctx.db, base))) return base;
  const suffixed = `${base}.${createHash('sha256').update(subject).digest('hex').slice(0, 6)}`;
  if (!(await store.usernameTaken(ctx.db, suffixed))) return suffixed;
  return `${base}.${randomUUID().slice(0, 8)}`;
}

/**
 * Finishes a sign-in the provider sent back: checks state, PKCE and nonce (openid-client), maps
 * the groups claim to roles, partner and centre, creates the account on first sign-in and
 * re-reads its roles on every sign-in, and opens a session.
 */
export async function finishSignIn(
  ctx: AppContext,
  providerId: string,
  currentUrl: URL,
  browserToken: string | undefined,
  userAgent: string,
): Promise<{ token: string; userId: string; roles: Role[]; secondFactor: boolean }> {
  const provider = await activeProvider(ctx, providerId);
  const state = currentUrl.searchParams.get('state');
  if (!state || !browserToken) throw new SsoRefused('sso_expired');
  const pending = await store.takePending(ctx.db, tokenHash(state));
  if (!pending || pending.provider_id !== provider.id || pending.browser_hash !== tokenHash(browserToken) || pending.expires_at <= ctx.now().toISOString()) {
    throw new SsoRefused('sso_expired');
  }
  if (currentUrl.searchParams.get('error')) throw new SsoRefused('sso_denied');
  const config = await configurationOf(provider);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: pending.code_verifier, expectedState: state, expectedNonce: pending.nonce });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no ID token');
    claims = { ...idClaims };
    if (!(provider.groups_claim in claims) && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
  } catch (err) {
    // A provider answering with an OAuth error (e.g. a code already used) refuses; anything else is unavailability.
    if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) throw new SsoRefused('sso_denied');
    throw new SsoUnavailable(err);
  }
  const subject = String(claims.sub);
  const mapping = mapClaims(JSON.parse(provider.rules) as SsoRule[], claims[provider.groups_claim]);
  if (!mapping.ok) throw new SsoRefused(mapping.reason);
  const secondFactor = providerProvedSecondFactor(claims, JSON.parse(provider.mfa_acr) as string[]);
  const displayName = (typeof claims.name === 'string' && claims.name.trim()) || usernameBase(claims, subject);
  const now = ctx.now().toISOString();

  const linked = await store.findLinkedUserId(ctx.db, provider.id, subject);
  const newUsername = linked ? null : await freeUsername(ctx, usernameBase(claims, subject), subject);
  const result = await ctx.db.transaction().execute(async (trx) => {
    let userId = linked;
    if (userId) {
      const user = await findUserById(trx, userId);
      if (!user || user.disabled_at !== null) throw new SsoRefused('sso_account_disabled');
      await updateUser(trx, userId, { roles: JSON.stringify(mapping.roles), partner_id: mapping.partnerId, centre_id: mapping.centreId, display_name: displayName.slice(0, 200), updated_at: now });
    } else {
      userId = randomUUID();
      await insertUser(trx, {
        id: userId,
        username: newUsername!,
        display_name: displayName.slice(0, 200),
        password_hash: '', // no password: this account signs in only through its provider
        roles: JSON.stringify(mapping.roles),
        partner_id: mapping.partnerId,
        centre_id: mapping.centreId,
        locale: 'pt-PT',
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        is_demo: 0,
        failed_sign_ins: 0,
        locked_until: null,
        disabled_at: null,
        last_sign_in_at: null,
        created_at: now,
        updated_at: now,
      });
      await store.insertLink(trx, { provider_id: provider.id, subject, user_id: userId, created_at: now });
    }
    const session = await openSession(ctx, trx, { id: userId }, { secondFactor, ssoProviderId: provider.id, userAgent });
    return { token: session.token, userId };
  });
  return { ...result, roles: mapping.roles, secondFactor };
}
