import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, type ApiErrorBody, type LocalizedText, type RequestOptions } from '../api.ts';
import { i18next } from '../i18n.ts';

/** Shapes of the casefile API (server/modules/casefile/schemas.ts is the source of truth). */
export const DOCUMENT_TYPES = ['passport', 'residence_permit', 'visa', 'national_id', 'tax_number', 'social_security_number', 'health_user_number', 'birth_certificate', 'other'] as const;
export const CASE_STATUSES = ['open', 'waiting_for_client', 'waiting_for_decision', 'closed'] as const;
export const RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const MATCH_REASONS = ['same_document', 'same_name', 'similar_name', 'same_birth_date', 'same_phone', 'name_order_swapped'] as const;

/** Why a casefile is read; the server records it in the audit log. */
export type Purpose = 'service' | 'sorting' | 'referral' | 'data_subject_request' | 'audit';
export const withPurpose = (purpose: Purpose, options: RequestOptions = {}): RequestOptions => ({ ...options, headers: { ...options.headers, 'X-Purpose': purpose } });

export type Expiry = 'none' | 'valid' | 'expiring_soon' | 'expired';

export interface PersonDocument {
  id: string;
  type: string;
  number: string;
  issuingCountry: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  hasAttachment: boolean;
  expiry: Expiry;
  daysToExpiry: number | null;
}

export interface PersonSummary {
  id: string;
  fullName: string;
  birthDate: string | null;
  nationalities: string[];
  languages: string[];
  mergedInto?: string | null;
}

export interface PersonCore extends PersonSummary {
  contacts: { phone?: string; email?: string; address?: string };
  documents: PersonDocument[];
  household: { personId: string; relation: string; fullName: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface SearchHit extends PersonSummary {
  score: number;
  reasons: string[];
}

export type CreateResult = { created: true; person: PersonCore } | { created: false; duplicates: { id: string; score: number; reasons: string[]; person: PersonSummary }[] };

export interface Note {
  id: string;
  authorId: string;
  /** The author's display name; null when the staff account is gone. */
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface Case {
  id: string;
  personId: string;
  partnerId: string;
  title: string;
  status: string;
  nextStep: string | null;
  followUpOn: string | null;
  openedAt: string;
  closedAt: string | null;
  notes: Note[];
}

export interface Section {
  partnerId: string;
  access: 'own' | 'referral';
  referralId?: string;
  sharedUntil?: string;
  cases: Case[];
}

export interface TimelineEntry {
  at: string;
  kind: 'ticket' | 'case_opened' | 'note' | string;
  number?: string;
  status?: string;
  outcome?: string | null;
  partnerId?: string;
  title?: string;
  caseId?: string;
}

export interface Casefile {
  person: PersonCore;
  sections: Section[];
  timeline: TimelineEntry[];
}

export interface Referral {
  id: string;
  personId: string;
  personName?: string;
  fromPartnerId: string;
  toPartnerId: string;
  purpose: string;
  basis: 'consent' | 'legal_basis' | string;
  consentGivenBy: string | null;
  consentGivenAt: string | null;
  legalBasisReason: string | null;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'rejected' | 'revoked' | string;
  createdAt: string;
  decidedAt: string | null;
  revokedAt: string | null;
}

export interface ExpiringDocument extends PersonDocument {
  personId: string;
  fullName: string;
}

export interface AccessEntry {
  seq: number;
  at: string;
  who: string;
  partner: LocalizedText | null;
  action: string;
  outcome: string;
  section: 'core' | 'audit' | { id: string; name: LocalizedText | null } | null;
  purpose: string | null;
  what: string | null;
}

/** Before erasing: GET /api/persons/:id/erasure-plan (counts and rules, never case content). */
import type { ErasureSection } from '../../core/persons/erasure-plan.ts';
export type { ErasureSection };

export interface ErasurePlan {
  personId: string;
  fullName: string;
  birthDate: string | null;
  anonymised: boolean;
  mergedInto: string | null;
  canAnonymise: boolean;
  sections: ErasureSection[];
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  firstBrokenSeq?: number;
  reason?: string;
}

/** GET with a purpose header; keeps the last answer while reloading; a null path loads nothing. */
export function useRead<T>(path: string | null, purpose: Purpose = 'service') {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    if (!path) return;
    const mine = ++seq.current;
    try {
      const d = await get<T>(path, withPurpose(purpose));
      if (mine !== seq.current) return;
      setData(d);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, [path, purpose]);
  useEffect(() => {
    setData(undefined);
    setError(null);
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}

/** Today as YYYY-MM-DD in local time. */
export function today(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Downloads a file the API makes (PDF, CSV) with the purpose header and the interface language,
 * under the name the server gives; an error answer is thrown as the API's translated error.
 */
export async function downloadFile(path: string, purpose: Purpose, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { 'X-Purpose': purpose, 'Accept-Language': i18next.language }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', i18next.t('errors.network'));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiError(response.status, body?.error.code ?? 'unexpected', body?.error.message ?? i18next.t('errors.unexpected'), body?.error.fields ?? {});
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
