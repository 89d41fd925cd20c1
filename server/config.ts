import { join, resolve } from 'node:path';
import { TOTP_REQUIRED_ROLES, isRole, type Role } from '../core/roles.ts';

/** Everything Balcão reads from the environment, in one place, with safe defaults. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Minutes of inactivity after which a staff session ends. */
  sessionIdleMinutes: number;
  /** Hours after sign-in after which a staff session ends whatever the activity. */
  sessionAbsoluteHours: number;
  /** Cookies carry `Secure` unless explicitly turned off for plain-HTTP local use. */
  secureCookies: boolean;
  /** Failed sign-ins before the account is locked for a while. */
  maxFailedSignIns: number;
  logLevel: string;
  publicUrl: string | undefined;
  /** Requests per minute per client before 429 (sign-in and pairing have stricter limits). */
  rateLimitPerMinute: number;
  /** Sign-in and device-pairing attempts per minute per client address. */
  signInRateLimitPerMinute: number;
  /** Recalls a counter must make before it may record a no-show. */
  noShowAfterRecalls: number;
  /** Documents expiring within this many days are flagged on the casefile and in the desk's list. */
  documentExpiryWindowDays: number;
  /** Where document scans are stored (default DATA_DIR/attachments) and the largest accepted. */
  attachmentsDir: string;
  attachmentMaxBytes: number;
  /** Seconds between folds of finished tickets into the statistics (queries also fold first). */
  statsFoldSeconds: number;
  /** GET /metrics answers only `Authorization: Bearer <this>`; unset, there is no /metrics. */
  metricsToken: string | undefined;
  /**
   * Key of the keyed hash that binds a booking to a person (document number + birth date). When
   * unset, a random key is made once and kept in the database (so every node uses the same one).
   */
  bookingIdentitySecret: string | undefined;
  /** Days after an appointment's date its booking is erased, unless the partner sets its own rule. */
  bookingRetentionDays: number;
  /** How far ahead clients may book (days). */
  bookingHorizonDays: number;
  /** Bookings (made or cancelled) one person may make per service in 24 hours before being refused. */
  bookingsPerIdentityPerDay: number;
  /** Messages to clients (server/modules/outbox): see README "Messages to clients". */
  messages: MessagesConfig;
  /** Where `balcao backup` and the scheduled backups write (default DATA_DIR/backups). */
  backupDir: string;
  /** Hours between scheduled backups by the server; 0 (the default) turns them off. */
  backupEveryHours: number;
  /** Scheduled backups kept in backupDir; older ones are deleted. */
  backupKeep: number;
  /** Where signed audit checkpoints are appended (default: beside the backups). */
  auditCheckpointDir: string;
  /** Optional: each checkpoint is also POSTed here as JSON. */
  auditWitnessUrl: string | undefined;
  /** Who may sign in with a local password: everyone, only network administrators, or nobody (SSO only). */
  localSignIn: 'all' | 'admins' | 'none';
  /** Roles that must prove a second factor (SECOND_FACTOR_ROLES, comma-separated). */
  secondFactorRoles: Role[];
}

export interface MessagesConfig {
  /** smtp://user:pass@host:587 or smtps://…; none → emails are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** An HTTP endpoint that takes POST {to, text} as JSON; none → SMS are written to the log. */
  smsUrl: string | undefined;
  /** Sent as `Authorization: Bearer …` to SMS_URL when set. */
  smsToken: string | undefined;
  vapidPublicKey: string | undefined;
  vapidPrivateKey: string | undefined;
  /** mailto: or https: contact the push services may use (VAPID "sub"). */
  vapidSubject: string;
  /** Longest a single send may take before it counts as failed (and is retried). */
  sendTimeoutMs: number;
  /** Sends tried before a message is given up (the last error is kept). */
  maxAttempts: number;
  /** First retry delay; doubled after each failure, at most an hour. */
  retryBaseSeconds: number;
  /** How often the sending job looks for due messages. */
  pollMs: number;
  /** Days after which a message's row (state, masked recipient) is deleted; bodies go at sending. */
  retentionDays: number;
}

function rolesFrom(value: string | undefined, fallback: readonly Role[]): Role[] {
  if (value === undefined || value.trim() === '') return [...fallback];
  if (value.trim() === 'none') return [];
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) throw new Error(`SECOND_FACTOR_ROLES: unknown role(s) ${unknown.join(', ')}`);
  return roles as Role[];
}

function localSignInFrom(value: string | undefined): Config['localSignIn'] {
  if (value === undefined || value === '') return 'all';
  if (value === 'all' || value === 'admins' || value === 'none') return value;
  throw new Error(`LOCAL_SIGN_IN must be all, admins or none (not "${value}")`);
}

function intFrom(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? NaN : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: intFrom(env.SESSION_IDLE_MINUTES, 30),
    sessionAbsoluteHours: intFrom(env.SESSION_ABSOLUTE_HOURS, 12),
    secureCookies: env.COOKIE_SECURE ? env.COOKIE_SECURE !== 'false' : env.NODE_ENV === 'production',
    maxFailedSignIns: intFrom(env.MAX_FAILED_SIGN_INS, 5),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.PUBLIC_URL || undefined,
    rateLimitPerMinute: intFrom(env.RATE_LIMIT_PER_MINUTE, 1200),
    // A centre's staff often share one public address and sign in at 08:00: per-account lock-out
    // stops guessing, this per-address limit slows credential stuffing.
    signInRateLimitPerMinute: intFrom(env.SIGN_IN_RATE_LIMIT_PER_MINUTE, 60),
    noShowAfterRecalls: env.NO_SHOW_AFTER_RECALLS === '0' ? 0 : intFrom(env.NO_SHOW_AFTER_RECALLS, 1),
    documentExpiryWindowDays: intFrom(env.DOCUMENT_EXPIRY_WINDOW_DAYS, 60),
    attachmentsDir: resolve(env.ATTACHMENTS_DIR ?? join(dataDir, 'attachments')),
    attachmentMaxBytes: intFrom(env.ATTACHMENT_MAX_BYTES, 5 * 1024 * 1024),
    statsFoldSeconds: intFrom(env.STATS_FOLD_SECONDS, 10),
    metricsToken: env.METRICS_TOKEN || undefined,
    bookingIdentitySecret: env.BOOKING_IDENTITY_SECRET || undefined,
    bookingRetentionDays: intFrom(env.BOOKING_RETENTION_DAYS, 30),
    bookingHorizonDays: intFrom(env.BOOKING_HORIZON_DAYS, 60),
    bookingsPerIdentityPerDay: intFrom(env.BOOKINGS_PER_IDENTITY_PER_DAY, 5),
    messages: {
      smtpUrl: env.SMTP_URL || undefined,
      mailFrom: env.MAIL_FROM || 'Balcão <no-reply@localhost>',
      smsUrl: env.SMS_URL || undefined,
      smsToken: env.SMS_TOKEN || undefined,
      vapidPublicKey: env.VAPID_PUBLIC_KEY || undefined,
      vapidPrivateKey: env.VAPID_PRIVATE_KEY || undefined,
      vapidSubject: env.VAPID_SUBJECT || 'mailto:no-reply@localhost',
      sendTimeoutMs: intFrom(env.MESSAGE_SEND_TIMEOUT_MS, 10_000),
      maxAttempts: intFrom(env.MESSAGE_MAX_ATTEMPTS, 6),
      retryBaseSeconds: intFrom(env.MESSAGE_RETRY_BASE_SECONDS, 30),
      pollMs: intFrom(env.MESSAGE_POLL_MS, 2000),
      retentionDays: intFrom(env.MESSAGE_RETENTION_DAYS, 30),
    },
    backupDir: resolve(env.BACKUP_DIR ?? join(dataDir, 'backups')),
    backupEveryHours: intFrom(env.BACKUP_EVERY_HOURS, 0),
    backupKeep: intFrom(env.BACKUP_KEEP, 14),
    auditCheckpointDir: resolve(env.AUDIT_CHECKPOINT_DIR ?? env.BACKUP_DIR ?? join(dataDir, 'backups')),
    auditWitnessUrl: env.AUDIT_WITNESS_URL || undefined,
    localSignIn: localSignInFrom(env.LOCAL_SIGN_IN),
    secondFactorRoles: rolesFrom(env.SECOND_FACTOR_ROLES, TOTP_REQUIRED_ROLES),
  };
}

export function sqlitePathFor(config: Config): string {
  return join(config.dataDir, 'balcao.sqlite');
}
