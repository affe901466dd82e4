import { m0001Init } from './0001-init';
import { m0002Tiers } from './0002-tiers';
import { m0003SavedSegments } from './0003-saved-segments';
import { m0004Imports } from './0004-imports';
import { m0005AssetsByMonthOnly } from './0005-assets-by-month-only';
import { m0006Holdings } from './0006-holdings';
import { m0007Retention } from './0007-retention';
import { m0008Complaints } from './0008-complaints';
import { m0009Surveys } from './0009-surveys';
import { m0010SurveyImports } from './0010-survey-imports';
import { m0011AuditChain } from './0011-audit-chain';
import { m0012SignIn } from './0012-sign-in';
import { m0013Workbench } from './0013-workbench';
import { m0014SignInLockouts } from './0014-sign-in-lockouts';
import { m0015TellerBranchFigures } from './0015-teller-branch-figures';
import { m0016AuditIdsNeverReused } from './0016-audit-ids-never-reused';
import { m0017DataVersions } from './0017-data-versions';
import { m0018ImportSets } from './0018-import-sets';
import { m0019NameSearchKeys } from './0019-name-search-keys';
import { m0020Presence } from './0020-presence';
import { m0021FirstCharacterKeys } from './0021-first-character-keys';
import { m0022Suitability } from './0022-suitability';
import { m0023IdNumberIndex } from './0023-id-number-index';
import { m0024ProductProposals } from './0024-product-proposals';
import { m0025AssessmentImports } from './0025-assessment-imports';
import { m0026ManagerChanges } from './0026-manager-changes';
import { m0027LoyaltyPoints } from './0027-loyalty-points';
import { m0028Benefits } from './0028-benefits';
import { m0029BookCover } from './0029-book-cover';
import { m0030Campaigns } from './0030-campaigns';
import { m0031Households } from './0031-households';
import type { Migration } from './types';

export type { Migration } from './types';

/** Static, ordered registry (bundlers break folder loaders). Append only. */
export const migrations: readonly Migration[] = [
  m0001Init,
  m0002Tiers,
  m0003SavedSegments,
  m0004Imports,
  m0005AssetsByMonthOnly,
  m0006Holdings,
  m0007Retention,
  m0008Complaints,
  m0009Surveys,
  m0010SurveyImports,
  m0011AuditChain,
  m0012SignIn,
  m0013Workbench,
  m0014SignInLockouts,
  m0015TellerBranchFigures,
  m0016AuditIdsNeverReused,
  m0017DataVersions,
  m0018ImportSets,
  m0019NameSearchKeys,
  m0020Presence,
  m0021FirstCharacterKeys,
  m0022Suitability,
  m0023IdNumberIndex,
  m0024ProductProposals,
  m0025AssessmentImports,
  m0026ManagerChanges,
  m0027LoyaltyPoints,
  m0028Benefits,
  m0029BookCover,
  m0030Campaigns,
  m0031Households,
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version;
