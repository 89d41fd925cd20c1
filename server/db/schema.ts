import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers
 * on both SQLite and PostgreSQL, so the same queries and comparisons work on either.
 * JSON columns are text holding JSON.
 */
export interface NetworkTable {
  id: string;
  name: string;
  default_locale: string;
  updated_at: string;
}

export interface CentreTable {
  id: string;
  code: string;
  name: string;
  address: string;
  time_zone: string;
  opening_hours: string; // JSON OpeningHours
  languages: string; // JSON string[]
  active: number;
  created_at: string;
  updated_at: string;
  /** A line shown on the centre's display boards (closures, outages); null when none. */
  board_notice: string | null;
}

export interface PartnerTable {
  id: string;
  code: string;
  kind: string; // government_agency | support_office | centre_service
  name: string; // JSON { locale: text }
  active: number;
  retention_years: number | null;
  retention_basis: string | null;
  /** Days after an appointment's date its booking is erased (null: the network default). */
  booking_retention_days: Generated<number | null>;
  created_at: string;
  updated_at: string;
}

export interface DeskTable {
  id: string;
  centre_id: string;
  partner_id: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface TopicTable {
  code: string;
  name: string; // JSON { locale: text }
}

export interface ServiceTable {
  id: string;
  centre_id: string;
  desk_id: string;
  code: string;
  name: string; // JSON { locale: text }
  ticket_prefix: string;
  expected_minutes: number;
  max_wait_minutes: number;
  priority_burst: number;
  /** Minutes within which the service aims to call a client (statistics: share called within target). */
  target_wait_minutes: Generated<number>;
  /** Appointments (see the 2026-12-05T1000 migration): bookable at all, how, and with what share of counter time. */
  appointments_enabled: Generated<number>;
  booking_mode: Generated<string>; // first_come | allocation
  appointment_share_percent: Generated<number>;
  slot_minutes: Generated<number>;
  checkin_early_minutes: Generated<number>;
  checkin_late_minutes: Generated<number>;
  topics: string; // JSON string[]
  languages: string; // JSON string[]
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CounterTable {
  id: string;
  centre_id: string;
  number: number;
  label: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CounterServiceTable {
  counter_id: string;
  service_id: string;
}

export interface StaffUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string; // JSON Role[]
  partner_id: string | null;
  centre_id: string | null;
  locale: string;
  totp_secret: string | null;
  totp_enabled: number;
  /** The last accepted second-factor time step (30 s): a code of that step or earlier is a replay. */
  totp_last_step: number | null;
  is_demo: number;
  failed_sign_ins: number;
  locked_until: string | null;
  disabled_at: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffSessionTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
  /** 1 when this session proved a second factor (a TOTP code, or a provider that says it used one). */
  second_factor: Generated<number>;
  /** The single sign-on provider that opened this session; null for a local password sign-in. */
  sso_provider_id: string | null;
}

export interface SsoProviderTable {
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  /** env:NAME or file:/path — where the client secret is, never the secret; null for a public client. */
  client_secret_ref: string | null;
  scopes: string;
  groups_claim: string;
  rules: string; // JSON SsoRule[]
  mfa_acr: string; // JSON string[]
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SsoPendingTable {
  id: string; // sha256 of the state
  provider_id: string;
  browser_hash: string;
  code_verifier: string;
  nonce: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
}

export interface StaffSsoLinkTable {
  provider_id: string;
  subject: string;
  user_id: string;
  created_at: string;
}

export interface DeviceTable {
  id: string;
  centre_id: string;
  kind: string; // kiosk | display
  name: string;
  pairing_code_hash: string | null;
  pairing_expires_at: string | null;
  token_hash: string | null;
  paired_at: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
  created_by: string;
  created_at: string;
}

export interface Database extends VisitDatabase, CasefileDatabase, KnowledgeDatabase, StatsDatabase, SurveyDatabase, OutboxDatabase, AppointmentDatabase, AllocationDatabase {
  network: NetworkTable;
  centre: CentreTable;
  partner: PartnerTable;
  desk: DeskTable;
  topic: TopicTable;
  service: ServiceTable;
  counter: CounterTable;
  counter_service: CounterServiceTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  sso_provider: SsoProviderTable;
  sso_pending: SsoPendingTable;
  staff_sso_link: StaffSsoLinkTable;
  device: DeviceTable;
  network_setting: NetworkSettingTable;
}

/** One network-wide setting (branding, logo, accessibility statement): a JSON value per key. */
export interface NetworkSettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface VisitTable {
  id: string;
  centre_id: string;
  public_token: string;
  person_id: string | null;
  client_name: string | null;
  language: string;
  priority: string; // none | legal | appointment
  priority_reason: string | null; // disability | senior | pregnancy | infant | appointment
  needs_mediator: number;
  topic: string | null;
  channel: string; // pre_sorting | kiosk | walk_in
  route: string; // JSON string[]
  status: string; // active | done
  local_date: string;
  created_by: string;
  created_at: string;
  closed_at: string | null;
  /** 1 once the closed visit is counted in the statistics cells. */
  stats_folded: Generated<number>;
  /** A country the client declared for statistics only (ISO 3166 alpha-2). */
  declared_country: string | null;
}

export interface TicketSequenceTable {
  service_id: string;
  local_date: string;
  last_number: number;
}

export interface TicketTable {
  id: string;
  visit_id: string;
  centre_id: string;
  service_id: string;
  number: string;
  local_date: string;
  priority: string;
  language: string;
  needs_mediator: number;
  appointment_at: string | null;
  status: string; // waiting | called | serving | parked | done | no_show | transferred | cancelled
  counter_id: string | null;
  target_counter_id: string | null;
  served_by: string | null;
  recall_count: number;
  outcome: string | null;
  note: string | null;
  transferred_from: string | null;
  idempotency_key: string | null;
  issued_at: string;
  queued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface CounterSessionTable {
  id: string;
  counter_id: string;
  user_id: string;
  service_ids: string;
  languages: string;
  priority_streak: number;
  opened_at: string;
  closed_at: string | null;
}

export interface CentreEventCounterTable {
  centre_id: string;
  last_seq: number;
}

export interface CentreEventTable {
  seq: number;
  centre_id: string;
  type: string;
  payload: string;
  created_at: string;
}

export interface ChildCheckinTable {
  id: string;
  centre_id: string;
  visit_id: string;
  child_name: string;
  age_years: number | null;
  notes: string | null;
  checked_in_at: string;
  checked_in_by: string;
  checked_out_at: string | null;
  checked_out_by: string | null;
}

export interface VisitDatabase {
  child_checkin: ChildCheckinTable;
  visit: VisitTable;
  ticket_sequence: TicketSequenceTable;
  ticket: TicketTable;
  counter_session: CounterSessionTable;
  centre_event: CentreEventTable;
  centre_event_counter: CentreEventCounterTable;
}

export interface PersonTable {
  id: string;
  full_name: string;
  search_name: string;
  birth_date: string | null;
  nationalities: string; // JSON string[] (ISO 3166 alpha-2)
  languages: string; // JSON string[]
  contacts: string; // JSON { phone?, email?, address? }
  merged_into: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface HouseholdLinkTable {
  person_id: string;
  related_person_id: string;
  relation: string;
}

export interface PersonDocumentTable {
  id: string;
  person_id: string;
  type: string;
  number: string;
  number_key: string;
  issuing_country: string | null;
  issued_on: string | null;
  expires_on: string | null;
  verified_by: string | null;
  verified_at: string | null;
  attachment_path: string | null;
  attachment_type: string | null;
  attachment_size: number | null;
  created_at: string;
}

export interface CaseMatterTable {
  id: string;
  person_id: string;
  partner_id: string;
  centre_id: string;
  visit_id: string | null;
  title: string;
  status: string;
  next_step: string | null;
  follow_up_on: string | null;
  opened_by: string;
  opened_at: string;
  closed_at: string | null;
  updated_at: string;
}

export interface CaseNoteTable {
  id: string;
  case_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export interface ReferralTable {
  id: string;
  person_id: string;
  from_partner_id: string;
  to_partner_id: string;
  purpose: string;
  basis: string;
  consent_given_by: string | null;
  consent_given_at: string | null;
  legal_basis_reason: string | null;
  expires_at: string;
  status: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface AuditEntryTable {
  seq: number;
  at: string;
  actor_id: string;
  actor_partner_id: string | null;
  action: string;
  outcome: string;
  person_id: string | null;
  section: string | null;
  purpose: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface CasefileDatabase {
  person: PersonTable;
  household_link: HouseholdLinkTable;
  person_document: PersonDocumentTable;
  case_matter: CaseMatterTable;
  case_note: CaseNoteTable;
  referral: ReferralTable;
  audit_head: AuditHeadTable;
  audit_entry: AuditEntryTable;
}

export interface KbItemTable {
  id: string;
  kind: string; // topic | procedure | faq
  slug: string;
  topic_id: string | null;
  topic_code: string | null;
  services: string; // JSON string[] of service codes
  links: string; // JSON string[] of URLs
  sort: number;
  source_locale: string;
  source_version: number;
  published: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface KbTextTable {
  id: string;
  item_id: string;
  locale: string;
  version: number;
  source_version: number;
  content: string; // JSON KnowledgeContent
  machine_translated: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface KbRevisionTable {
  id: number;
  rev: number;
}

export interface KnowledgeDatabase {
  kb_item: KbItemTable;
  kb_text: KbTextTable;
  kb_revision: KbRevisionTable;
}

/** Statistics aggregates: see migrations/2026-12-04T1000-statistics.ts. */
export interface StatsTicketCellTable {
  grain: string;
  dim: string;
  period: string;
  centre_id: string;
  service_id: string;
  value: string;
  tickets: number;
  served: number;
  no_show: number;
  transferred: number;
  cancelled: number;
  waited: number;
  wait_sum_s: number;
  within_target: number;
  handled: number;
  handle_sum_s: number;
  [bucket: `w${number}` | `h${number}`]: number;
}

export interface StatsVisitCellTable {
  grain: string;
  dim: string;
  period: string;
  centre_id: string;
  value: string;
  visits: number;
  served_visits: number;
  multi_desk: number;
  desks: number;
}

export interface StatsFoldTable {
  centre_id: string;
  last_seq: number;
  folded_at: string;
}

export interface StatsDatabase {
  stats_ticket_cell: StatsTicketCellTable;
  stats_visit_cell: StatsVisitCellTable;
  stats_fold: StatsFoldTable;
}

/** Satisfaction surveys: see migrations/2026-12-04T1100-surveys.ts. */
export interface SurveyQuestionTable {
  id: string;
  code: string;
  sort: number;
  active: number;
  source_locale: string;
  source_version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SurveyQuestionTextTable {
  id: string;
  question_id: string;
  locale: string;
  version: number;
  source_version: number;
  content: string; // JSON QuestionContent
  machine_translated: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface SurveyVersionTable {
  version: number;
  question_ids: string; // JSON string[]
  created_at: string;
  created_by: string | null;
}

export interface SurveyInvitationTable {
  token: string;
  visit_id: string;
  centre_id: string;
  partner_id: string | null;
  language: string;
  local_date: string;
  closes_at: string;
  answered: number;
}

export interface SurveyResponseTable {
  id: string;
  survey_version: number;
  centre_id: string;
  partner_id: string | null;
  language: string;
  local_date: string;
  channel: string; // phone | kiosk
  comment: string | null;
}

export interface SurveyAnswerTable {
  response_id: string;
  question_id: string;
  value: number;
}

export interface SurveyDatabase {
  survey_question: SurveyQuestionTable;
  survey_question_text: SurveyQuestionTextTable;
  survey_version: SurveyVersionTable;
  survey_invitation: SurveyInvitationTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
}

/** Messages to clients: see migrations/2026-12-05T1200-outbox.ts. */
export interface OutboxMessageTable {
  id: string;
  channel: string; // email | sms | push
  recipient: string | null;
  recipient_hint: string;
  locale: string;
  kind: string;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  attachments: string | null; // JSON
  relates_type: string | null;
  relates_id: string | null;
  centre_id: string | null;
  partner_id: string | null;
  dedupe_key: string | null;
  status: string; // queued | sending | sent | failed | cancelled
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  claim_token: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

/** A waiting client's request to be told when their turn is near (turn-alerts migration). */
export interface TurnAlertTable {
  id: string;
  visit_id: string;
  centre_id: string;
  channel: string; // sms | push
  recipient: string;
  locale: string;
  created_at: string;
}

export interface OutboxDatabase {
  outbox_message: OutboxMessageTable;
  turn_alert: TurnAlertTable;
}

export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface AppointmentClosureTable {
  id: string;
  centre_id: string | null; // null: the whole network
  date: string; // YYYY-MM-DD, the centre's local date
  reason: string;
  created_by: string;
  created_at: string;
}

export interface AppointmentSlotTable {
  id: string;
  service_id: string;
  centre_id: string;
  starts_at: string;
  local_date: string;
  local_time: string;
  capacity: number;
  taken: number;
  blocked: number;
  block_reason: string | null;
  updated_at: string;
}

export interface AppointmentTable {
  id: string;
  code: string;
  manage_token_hash: string;
  service_id: string;
  centre_id: string;
  slot_id: string;
  starts_at: string;
  local_date: string;
  status: string; // booked | checked_in | served | no_show | cancelled
  identity_hash: string;
  document_hash: string;
  active_key: string | null;
  client_name: string;
  email: string | null;
  phone: string | null;
  language: string;
  needs_mediator: number;
  channel: string; // web | staff | api
  created_by: string | null;
  visit_id: string | null;
  ticket_id: string | null;
  person_id: string | null;
  created_at: string;
  updated_at: string;
  checked_in_at: string | null;
  cancelled_at: string | null;
  reminded_at: string | null;
  erase_after: string;
}

export interface AppointmentDatabase {
  server_secret: ServerSecretTable;
  appointment_closure: AppointmentClosureTable;
  appointment_slot: AppointmentSlotTable;
  appointment: AppointmentTable;
}

/** Fair allocation of appointment places (see the 2026-12-05T1100 migration). */
export interface AllocationRoundTable {
  id: string;
  service_id: string;
  centre_id: string;
  week_start: string;
  places: number;
  opens_at: string;
  closes_at: string;
  seed: string;
  seed_hash: string;
  list_digest: string | null;
  request_count: number | null;
  drawn_at: string | null;
  created_by: string;
  created_at: string;
}

export interface AllocationRequestTable {
  id: string;
  round_id: string;
  service_id: string;
  identity_hash: string;
  active_key: string | null;
  status_token_hash: string;
  status: string; // requested | allocated | waiting | cancelled | not_drawn
  position: number | null;
  client_name: string;
  email: string | null;
  phone: string | null;
  language: string;
  needs_mediator: number;
  created_at: string;
  updated_at: string;
}

export interface AllocationDatabase {
  allocation_round: AllocationRoundTable;
  allocation_request: AllocationRequestTable;
}
