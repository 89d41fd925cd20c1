import type { Kysely } from 'kysely';

/**
 * Single sign-on through OpenID Connect providers the network administrator configures:
 * - sso_provider: issuer, client, a *reference* to the client secret (env:NAME or file:/path, never
 *   the secret itself), the claim that carries groups and the rules mapping its values to roles,
 *   partner and centre, and the `acr` values that count as a second factor;
 * - sso_pending: a sign-in on its way through the provider (PKCE verifier, state, nonce), kept in
 *   the database so the provider may send the browser back to any node; one use, ten minutes;
 * - staff_sso_link: which staff account a provider's subject is (created on first sign-in);
 * - staff_session gains how it was opened (provider or local) and whether a second factor was
 *   proven for it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_provider')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_ref', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('groups_claim', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull()) // JSON SsoRule[]
    .addColumn('mfa_acr', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_pending')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the state
    .addColumn('provider_id', 'text', (c) => c.notNull().references('sso_provider.id'))
    .addColumn('browser_hash', 'text', (c) => c.notNull()) // sha256 of the binding cookie
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('staff_sso_link')
    .addColumn('provider_id', 'text', (c) => c.notNull().references('sso_provider.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_sso_link_pk', ['provider_id', 'subject'])
    .execute();
  await db.schema.alterTable('staff_session').addColumn('second_factor', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('staff_session').addColumn('sso_provider_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_session').dropColumn('sso_provider_id').execute();
  await db.schema.alterTable('staff_session').dropColumn('second_factor').execute();
  await db.schema.dropTable('staff_sso_link').execute();
  await db.schema.dropTable('sso_pending').execute();
  await db.schema.dropTable('sso_provider').execute();
}
