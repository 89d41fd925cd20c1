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
}

export interface PartnerTable {
  id: string;
  code: string;
  kind: string; // government_agency | support_office | centre_service
  name: string; // JSON { locale: text }
  active: number;
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

export interface Database extends VisitDatabase {
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
  device: DeviceTable;
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
