import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test identity provider knows, with the claims it asserts about them. */
export interface TestIdentity {
  sub: string;
  claims: Record<string, unknown>;
  /** Authentication methods the provider says it used (e.g. ['pwd', 'otp']). */
  amr?: string[];
  acr?: string;
}

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  identities: Map<string, TestIdentity>;
  /** Stops answering (the provider is "down") until started again. */
  close(): Promise<void>;
}

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return new URLSearchParams(body);
};

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a free loopback port, for
 * tests: one confidential client that may return to any of `redirectUris` (read at each request), and a one-field sign-in page where the test
 * (or a browser) types the login of one of `identities`; it then asserts that identity's
 * claims, `amr` and `acr`.
 */
export async function startTestIdentityProvider(redirectUris: string[], identities: TestIdentity[] = []): Promise<TestIdentityProvider> {
  const known = new Map(identities.map((i) => [i.sub, i]));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'balcao-test';
  const clientSecret = 'a-test-client-secret-of-enough-length-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: ['http://placeholder.test/callback'], response_types: ['code'], grant_types: ['authorization_code'] }],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'acr', 'amr'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx: unknown, sub: string) => {
      const identity = known.get(sub);
      if (!identity) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...identity.claims }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    acrValues: ['urn:balcao:test:mfa', 'urn:balcao:test:pwd'],
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: ['test-cookie-key-0123456789'] },
  });
  provider.proxy = false;
  // Redirect URIs are read live from `redirectUris`, so a test may add one after the provider started.
  provider.Client.prototype.redirectUriAllowed = (uri: string) => redirectUris.includes(uri);
  const callback = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    if (req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction mismatch');
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main><h1>Test identity provider</h1>` +
          `<form method="post" action="/interaction/${uid}"><label for="login">Login</label> <input id="login" name="login" autocomplete="username"> <button type="submit">Continue</button></form></main></body></html>`,
      );
      return;
    }
    const form = await readForm(req);
    const identity = known.get(form.get('login') ?? '');
    if (!identity) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'unknown login' }, { mergeWithLastSubmission: false });
      return;
    }
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: identity.sub, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: identity.sub, ...(identity.amr ? { amr: identity.amr } : {}), ...(identity.acr ? { acr: identity.acr } : {}) }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)$/.exec((req.url ?? '').split('?')[0]!);
    if (m) {
      interaction(req, res, m[1]!).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    void callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    identities: known,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
