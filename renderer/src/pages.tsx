/**
 * THE table of screens: per page its route (`#/route`), navigation label, icon and group, the channel it reads
 * first (a page is offered only to the roles main lets call it) and how it is drawn. Adding a screen is one entry
 * here (docs/architecture.md, "Adding a screen").
 */
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import BackupIcon from '@mui/icons-material/Backup';
import CardGiftcardIcon from '@mui/icons-material/CardGiftcard';
import LoyaltyIcon from '@mui/icons-material/Loyalty';
import CakeIcon from '@mui/icons-material/CakeOutlined';
import CampaignIcon from '@mui/icons-material/Campaign';
import FamilyRestroomIcon from '@mui/icons-material/FamilyRestroom';
import RedeemIcon from '@mui/icons-material/Redeem';
import ChecklistIcon from '@mui/icons-material/Checklist';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import DonutSmallIcon from '@mui/icons-material/DonutSmall';
import EventNoteIcon from '@mui/icons-material/EventNote';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GppGoodIcon from '@mui/icons-material/GppGoodOutlined';
import GridViewIcon from '@mui/icons-material/GridView';
import GroupsIcon from '@mui/icons-material/Groups';
import Inventory2Icon from '@mui/icons-material/Inventory2Outlined';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import LayersIcon from '@mui/icons-material/Layers';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PeopleAltIcon from '@mui/icons-material/PeopleAlt';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import ReportProblemIcon from '@mui/icons-material/ReportProblemOutlined';
import SettingsIcon from '@mui/icons-material/Settings';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import ThumbsUpDownIcon from '@mui/icons-material/ThumbsUpDownOutlined';
import TodayIcon from '@mui/icons-material/Today';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import TuneIcon from '@mui/icons-material/Tune';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUserOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { ReactNode } from 'react';
import type { Channel } from '../../shared/contract';
import type { AppInfo } from '../../shared/schemas/app';
import { AuditPage } from './features/audit/AuditPage';
import { BackupsPage } from './features/auth/BackupsPage';
import { AboutPage } from './features/branch/AboutPage';
import { BranchProfilePage } from './features/branch/BranchProfilePage';
import { HandoverPage } from './features/books/HandoverPage';
import { CampaignsPage } from './features/campaigns/CampaignsPage';
import { GettingStartedPage } from './features/branch/GettingStartedPage';
import { StaffPage } from './features/auth/StaffPage';
import { ComplaintsPage } from './features/complaints/ComplaintsPage';
import { CustomersPage } from './features/customers/CustomersPage';
import { DimensionSettingsPage } from './features/dimensions/DimensionSettingsPage';
import { GroupsPage } from './features/groups/GroupsPage';
import { ImportPage } from './features/imports/ImportPage';
import { FlowsPage } from './features/flows/FlowsPage';
import { ActionsPage } from './features/retention/ActionsPage';
import { WarningSettingsPage } from './features/retention/WarningSettingsPage';
import { WarningsPage } from './features/retention/WarningsPage';
import { RulePackagesPage } from './features/rules/RulePackagesPage';
import { TierRulesPage } from './features/rules/TierRulesPage';
import { SegmentGridPage } from './features/segments/SegmentGridPage';
import { SurveysPage } from './features/surveys/SurveysPage';
import { LoyaltyPage } from './features/loyalty/LoyaltyPage';
import { LoyaltySettingsPage } from './features/loyalty/LoyaltySettingsPage';
import { SuitabilityPage } from './features/suitability/SuitabilityPage';
import { SuitabilitySettingsPage } from './features/suitability/SuitabilitySettingsPage';
import { BenefitCataloguePage } from './features/benefits/BenefitCataloguePage';
import { BenefitAnalysisPage } from './features/benefits/BenefitAnalysisPage';
import { HouseholdsPage } from './features/households/HouseholdsPage';
import { TierOverviewPage } from './features/tiers/TierOverviewPage';
import { CarePage } from './features/workbench/CarePage';
import { ContactStandardsPage } from './features/workbench/ContactStandardsPage';
import { EventsPage } from './features/workbench/EventsPage';
import { PlansPage } from './features/workbench/PlansPage';
import { TodayPage } from './features/workbench/TodayPage';
import type { CardSection } from './features/customers/cardSection';

/** The navigation's groups, in order. */
export const NAV_GROUPS = ['work', 'customers', 'analysis', 'data', 'settings'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** What the app gives every page. */
export interface PageProps {
  info: AppInfo;
  /** The data month chosen in the app bar (the latest by default). */
  month: string | null;
  /** The route's query (`#/customers?tier=T4`). */
  query: string;
  /** Bumped when tiers change (rules, overrides, imports): tier-derived views load afresh. */
  rulesVersion: number;
  /** Bumped when the card saves a contact, an action or an outcome: the lists behind it reload. */
  retentionVersion: number;
  /** Opens a customer's card over this page (scrolled to `section` when given). */
  openCustomer(customerNo: string, section?: CardSection): void;
  rulesChanged(): void;
  retentionChanged(): void;
  /** An import changed the months and counts of the app shell. */
  imported(): void;
}

export interface PageEntry {
  route: string;
  /** i18n key of its navigation label. */
  label: string;
  Icon: typeof PeopleAltIcon;
  group: NavGroup;
  channel: Channel;
  /** Its lists open a customer's card over it (`#/warnings/0510000001`). */
  cards?: boolean;
  render(props: PageProps): ReactNode;
}

export const PAGE_TABLE = [
  // 工作
  {
    route: 'today',
    cards: true,
    label: 'nav.today',
    Icon: TodayIcon,
    group: 'work',
    channel: 'workbench.today',
    render: (p) => (
      <TodayPage
        info={p.info}
        version={p.retentionVersion}
        onOpenCustomer={p.openCustomer}
        onLogged={p.retentionChanged}
      />
    ),
  },
  {
    route: 'care',
    cards: true,
    label: 'nav.care',
    Icon: CakeIcon,
    group: 'work',
    channel: 'care.calendar',
    render: (p) => <CarePage info={p.info} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'plans',
    cards: true,
    label: 'nav.plans',
    Icon: EventNoteIcon,
    group: 'work',
    channel: 'plans.week',
    render: (p) => <PlansPage info={p.info} version={p.retentionVersion} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'events',
    cards: true,
    label: 'nav.events',
    Icon: GroupsIcon,
    group: 'work',
    channel: 'events.list',
    render: (p) => <EventsPage info={p.info} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'campaigns',
    cards: true,
    label: 'nav.campaigns',
    Icon: CampaignIcon,
    group: 'work',
    channel: 'campaigns.list',
    render: (p) => <CampaignsPage info={p.info} onOpenCustomer={p.openCustomer} />,
  },
  // 客户
  {
    route: 'customers',
    cards: true,
    label: 'nav.customers',
    Icon: PeopleAltIcon,
    group: 'customers',
    channel: 'customers.page',
    render: (p) => (
      <CustomersPage
        key={`${p.rulesVersion}:${p.query}`}
        info={p.info}
        month={p.month}
        preset={new URLSearchParams(p.query)}
        onOpenCustomer={p.openCustomer}
      />
    ),
  },
  {
    route: 'households',
    cards: true,
    label: 'nav.households',
    Icon: FamilyRestroomIcon,
    group: 'customers',
    channel: 'households.page',
    render: (p) => <HouseholdsPage key={p.rulesVersion} month={p.month} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'warnings',
    cards: true,
    label: 'nav.warnings',
    Icon: WarningAmberIcon,
    group: 'customers',
    channel: 'warnings.list',
    render: (p) => (
      <WarningsPage
        key={p.rulesVersion}
        version={p.retentionVersion}
        info={p.info}
        month={p.month}
        onOpenCustomer={p.openCustomer}
      />
    ),
  },
  {
    route: 'actions',
    cards: true,
    label: 'nav.actions',
    Icon: TaskAltIcon,
    group: 'customers',
    channel: 'retention.board',
    render: (p) => (
      <ActionsPage key={p.rulesVersion} version={p.retentionVersion} info={p.info} onOpenCustomer={p.openCustomer} />
    ),
  },
  {
    route: 'complaints',
    label: 'nav.complaints',
    Icon: ReportProblemIcon,
    group: 'customers',
    channel: 'complaints.board',
    render: (p) => <ComplaintsPage info={p.info} />,
  },
  {
    route: 'suitability',
    cards: true,
    label: 'nav.suitability',
    Icon: GppGoodIcon,
    group: 'customers',
    channel: 'suitability.overview',
    render: (p) => <SuitabilityPage month={p.month} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'surveys',
    label: 'nav.surveys',
    Icon: ThumbsUpDownIcon,
    group: 'customers',
    channel: 'surveys.results',
    render: (p) => <SurveysPage month={p.month} />,
  },
  // 分析
  {
    route: 'tiers',
    label: 'nav.tiers',
    Icon: LayersIcon,
    group: 'analysis',
    channel: 'tiers.overview',
    render: (p) => (
      <TierOverviewPage key={p.rulesVersion} info={p.info} month={p.month} onRecomputed={p.rulesChanged} />
    ),
  },
  {
    route: 'segments',
    label: 'nav.segments',
    Icon: GridViewIcon,
    group: 'analysis',
    channel: 'segments.grid',
    render: (p) => <SegmentGridPage key={p.rulesVersion} month={p.month} />,
  },
  {
    route: 'flows',
    label: 'nav.flows',
    Icon: CompareArrowsIcon,
    group: 'analysis',
    channel: 'flows.report',
    render: (p) => <FlowsPage key={p.rulesVersion} info={p.info} month={p.month} />,
  },
  {
    route: 'loyalty',
    cards: true,
    label: 'nav.loyalty',
    Icon: LoyaltyIcon,
    group: 'analysis',
    channel: 'loyalty.analysis',
    render: (p) => <LoyaltyPage key={p.rulesVersion} month={p.month} onOpenCustomer={p.openCustomer} />,
  },
  {
    route: 'groups',
    label: 'nav.groups',
    Icon: DonutSmallIcon,
    group: 'analysis',
    channel: 'groups.report',
    render: (p) => <GroupsPage key={p.rulesVersion} info={p.info} month={p.month} />,
  },
  {
    route: 'benefits',
    cards: true,
    label: 'nav.benefitAnalysis',
    Icon: RedeemIcon,
    group: 'analysis',
    channel: 'benefits.analysis',
    render: (p) => <BenefitAnalysisPage key={p.rulesVersion} month={p.month} onOpenCustomer={p.openCustomer} />,
  },
  // 数据
  {
    route: 'start',
    label: 'nav.start',
    Icon: ChecklistIcon,
    group: 'data',
    channel: 'setup.checklist',
    render: () => <GettingStartedPage />,
  },
  {
    route: 'imports',
    label: 'nav.imports',
    Icon: UploadFileIcon,
    group: 'data',
    channel: 'imports.history',
    render: (p) => <ImportPage onImported={p.imported} />,
  },
  {
    route: 'handovers',
    label: 'nav.handovers',
    Icon: SwapHorizIcon,
    group: 'data',
    channel: 'books.handovers',
    render: (p) => <HandoverPage info={p.info} onHandedOver={p.imported} />,
  },
  {
    route: 'audit',
    label: 'nav.audit',
    Icon: FactCheckIcon,
    group: 'data',
    channel: 'audit.list',
    render: (p) => <AuditPage info={p.info} />,
  },
  {
    route: 'backups',
    label: 'nav.backups',
    Icon: BackupIcon,
    group: 'data',
    channel: 'backups.list',
    render: () => <BackupsPage />,
  },
  // 设置
  {
    route: 'rules',
    label: 'nav.rules',
    Icon: TuneIcon,
    group: 'settings',
    channel: 'tiers.rules',
    render: (p) => <TierRulesPage info={p.info} month={p.month} onSaved={p.rulesChanged} />,
  },
  {
    route: 'dimensions',
    label: 'nav.dimensions',
    Icon: SettingsIcon,
    group: 'settings',
    channel: 'dimensions.settings',
    render: (p) => <DimensionSettingsPage onSaved={p.rulesChanged} />,
  },
  {
    route: 'warning-settings',
    label: 'nav.warningSettings',
    Icon: NotificationsActiveIcon,
    group: 'settings',
    channel: 'warnings.settings',
    render: () => <WarningSettingsPage />,
  },
  {
    route: 'suitability-settings',
    label: 'nav.suitabilitySettings',
    Icon: VerifiedUserIcon,
    group: 'settings',
    channel: 'suitability.settings',
    render: () => <SuitabilitySettingsPage />,
  },
  {
    route: 'loyalty-settings',
    label: 'nav.loyaltySettings',
    Icon: CardGiftcardIcon,
    group: 'settings',
    channel: 'loyalty.saveRules',
    render: (p) => <LoyaltySettingsPage month={p.month} />,
  },
  {
    route: 'benefit-settings',
    label: 'nav.benefits',
    Icon: RedeemIcon,
    group: 'settings',
    channel: 'benefits.catalogues',
    render: () => <BenefitCataloguePage />,
  },
  {
    route: 'contact-standards',
    label: 'nav.contactStandards',
    Icon: PhoneInTalkIcon,
    group: 'settings',
    channel: 'workbench.saveStandards',
    render: () => <ContactStandardsPage />,
  },
  {
    route: 'rule-packages',
    label: 'nav.rulePackages',
    Icon: Inventory2Icon,
    group: 'settings',
    channel: 'rules.exportPackage',
    render: (p) => <RulePackagesPage onApplied={p.rulesChanged} />,
  },
  {
    route: 'branch',
    label: 'nav.branch',
    Icon: AccountBalanceIcon,
    group: 'settings',
    channel: 'branch.saveProfile',
    render: (p) => <BranchProfilePage onChanged={p.imported} />,
  },
  {
    route: 'staff',
    label: 'nav.staff',
    Icon: ManageAccountsIcon,
    group: 'settings',
    channel: 'staff.list',
    render: () => <StaffPage />,
  },
  {
    route: 'about',
    label: 'nav.about',
    Icon: InfoIcon,
    group: 'settings',
    channel: 'app.about',
    render: () => <AboutPage />,
  },
] as const satisfies readonly PageEntry[];

export type Page = (typeof PAGE_TABLE)[number]['route'];
