import type { Generated } from 'kysely';

/** Row types of the tables created by the migrations; they stay inside db/. */
export interface DB {
  branch_settings: BranchSettingsTable;
  staff: StaffTable;
  customers: CustomersTable;
  monthly_assets: MonthlyAssetsTable;
  audit_log: AuditLogTable;
  tier_rule_sets: TierRuleSetsTable;
  tier_overrides: TierOverridesTable;
  tier_snapshots: TierSnapshotsTable;
  month_values: MonthValuesTable;
  saved_segments: SavedSegmentsTable;
}

export interface SavedSegmentsTable {
  id: Generated<number>;
  name: string;
  /** JSON of a CustomerFilter. */
  filter: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface MonthValuesTable {
  month: string;
  customers: number;
  columns: Buffer;
  computed_at: string;
}

export interface TierRuleSetsTable {
  valid_from: string;
  basis: 'avg' | 'month_end';
  /** JSON array of TierDef. */
  tiers: string;
  missing_months_kept: Generated<number>;
  created_at: string;
  created_by: string | null;
}

export interface TierOverridesTable {
  id: Generated<number>;
  customer_id: number;
  tier_code: string;
  reason: string;
  from_month: string;
  until_month: string;
  created_at: string;
  created_by: string | null;
}

export interface TierSnapshotsTable {
  month: string;
  /** JSON array: tier index → code, for this month's rule set. */
  tier_codes: string;
  customers: number;
  /** JSON TierSnapshotSummary. */
  summary: string;
  columns: Buffer;
  computed_at: string;
}

export interface BranchSettingsTable {
  key: string;
  value: string;
}

export interface StaffTable {
  code: string;
  name: string;
  role: 'manager' | 'branch_manager' | 'teller' | 'admin';
  active: number;
  created_at: string;
}

export interface CustomersTable {
  id: Generated<number>;
  customer_no: string;
  name: string;
  gender: 'M' | 'F' | null;
  id_number: string | null;
  birth_date: string | null;
  mobile: string | null;
  /** Generated column: the last 4 digits of the mobile. */
  mobile_last4: Generated<string | null>;
  occupation: string | null;
  annual_income: number | null;
  risk_level: string | null;
  risk_assessed_date: string | null;
  opened_date: string | null;
  closed_date: string | null;
  manager_code: string | null;
  /** 1: the customer keeps the lunar birthday. */
  lunar_birthday: Generated<number>;
  id_expiry_date: string | null;
  /** 1: a professional investor (docs/domain.md, "Suitability"). */
  professional_investor: Generated<number>;
  risk_assessed_channel: Generated<string | null>;
  /** The name's pinyin keys (shared/name-keys.ts), written with the name. */
  name_pinyin: Generated<string>;
  name_initials: Generated<string>;
  name_first_pinyin: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface MonthlyAssetsTable {
  customer_id: number;
  month: string;
  aum_avg: number;
  deposit_avg: number | null;
  demand_avg: number | null;
  wealth_avg: number | null;
  fund_avg: number | null;
  insurance_avg: number | null;
  other_avg: number | null;
  loan_avg: number | null;
  aum_month_end: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  hash_prev: string | null;
  hash: string | null;
}
