import { i18next } from './i18n.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** An error answer from the API; `message` and `fields` are already in the interface language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
/** Called on any 401 from a staff request (not the sign-in itself), to send the user to sign in. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** Do not redirect to sign-in on 401 (sign-in itself, the session probe, device screens). */
  allow401?: boolean;
  /** Extra request headers (e.g. Idempotency-Key); they cannot replace the CSRF token or Accept-Language. */
  headers?: Record<string, string>;
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers, 'Accept-Language': i18next.language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const err = (data as ApiErrorBody | null)?.error;
    if (response.status === 401 && !options.allow401) onUnauthorized?.();
    throw new ApiError(response.status, err?.code ?? 'unexpected', err?.message ?? i18next.t('errors.unexpected'), err?.fields ?? {});
  }
  return data as T;
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('POST', path, { ...options, body: body ?? {} });
export const patch = <T>(path: string, body: unknown, options?: RequestOptions) => api<T>('PATCH', path, { ...options, body });
export const del = <T>(path: string, options?: RequestOptions) => api<T>('DELETE', path, options);

/** Shapes the server returns. */
export type LocalizedText = Record<string, string>;
export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  partnerId: string | null;
  centreId: string | null;
  locale: string;
  totpEnabled: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}
export interface Session {
  user: StaffUser;
  csrfToken: string;
  mfa: 'ok' | 'enrolment_required' | 'code_required';
}
/** What the sign-in page offers: single sign-on providers, and who may use a password. */
export interface SignInOptions {
  providers: { id: string; name: string }[];
  localSignIn: 'all' | 'admins' | 'none';
}
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type OpeningHours = Record<Weekday, { open: string; close: string }[]>;
export interface Centre {
  id: string;
  code: string;
  name: string;
  address: string;
  timeZone: string;
  languages: string[];
  openingHours: OpeningHours;
  active: boolean;
}
export interface Partner {
  id: string;
  code: string;
  kind: 'government_agency' | 'support_office' | 'centre_service';
  name: LocalizedText;
  active: boolean;
  /** Years after a case closes before the partner's casefile section is erased; null: until erased on request. */
  retentionYears: number | null;
  /** The legal obligation to keep the section (then it is not erased on request), or null. */
  retentionBasis: string | null;
}
export interface Desk {
  id: string;
  centreId: string;
  partnerId: string;
  active: boolean;
}
export interface Topic {
  code: string;
  name: LocalizedText;
}
export interface Service {
  id: string;
  centreId: string;
  deskId: string;
  partnerId: string;
  code: string;
  name: LocalizedText;
  ticketPrefix: string;
  expectedMinutes: number;
  /** The wait the service aims to keep under, in minutes (the live floor compares waits against it). */
  targetWaitMinutes?: number;
  topics: string[];
  languages: string[];
  active: boolean;
}
export interface Counter {
  id: string;
  centreId: string;
  number: number;
  label: string;
  serviceIds: string[];
  active: boolean;
}
export interface Device {
  id: string;
  centreId: string;
  kind: 'kiosk' | 'display';
  name: string;
  status: 'awaiting_pairing' | 'paired' | 'revoked';
  pairingExpiresAt: string | null;
  pairedAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
}
export interface DeviceIdentity {
  device: Device;
  centre: { id: string; code: string; name: string; timeZone: string; languages: string[]; openingHours?: OpeningHours };
  /** The server's clock when this was read: a device's own clock may be wrong. */
  serverTime?: string;
}
export interface List<T> {
  items: T[];
}

/** A per-language name in the interface language, else Portuguese, else any. */
export function localized(text: LocalizedText | undefined, lang: string = i18next.language): string {
  if (!text) return '';
  return text[lang] ?? (lang.startsWith('en') ? text.en : undefined) ?? text['pt-PT'] ?? Object.values(text)[0] ?? '';
}
