/** The branch and the app shell: channels (docs/architecture.md, "Channels"). */
import { z } from 'zod';
import { ADMIN, ANYONE, NO_CUSTOMERS, PUBLIC, SETTINGS } from '../roles';
import {
  DataDirChoiceSchema,
  RemoveOldDataDirInputSchema,
  RemoveOldDataDirResultSchema,
} from '../schemas/data-directory';
import { AboutSchema } from '../schemas/about';
import { AppInfoSchema } from '../schemas/app';
import {
  BranchProfileSchema,
  BranchProfileViewSchema,
  ClearDemoInputSchema,
  ClearDemoResultSchema,
  GettingStartedSchema,
} from '../schemas/branch';
import { type ChannelSpec, type JobSpec } from './spec';

export const branchChannels = {
  'app.info': {
    input: z.strictObject({}),
    output: AppInfoSchema,
    doc: 'Branch name, months with data, staff list and counts for the app shell.',
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'app.about': {
    input: z.strictObject({}),
    output: AboutSchema,
    doc: "设置 · 关于: the app's version, the data directory, the database's size, encryption, last backup and schema, the data it holds, and the Node, Electron and SQLite versions.",
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'setup.createBranch': {
    input: z.strictObject({ profile: BranchProfileSchema }),
    output: BranchProfileViewSchema,
    doc: 'First run only (no database yet): create an empty branch database with this profile; the administrator follows.',
    roles: PUBLIC,
    customers: NO_CUSTOMERS,
  },
  'setup.checklist': {
    input: z.strictObject({}),
    output: GettingStartedSchema,
    doc: '开始使用: customer master, books, months of 月日均 (as many as the longest grace needs), holdings, rules — each done or not, with counts.',
    roles: SETTINGS,
    customers: NO_CUSTOMERS,
  },
  'branch.profile': {
    input: z.strictObject({}),
    output: BranchProfileViewSchema,
    doc: "The branch's name, 机构号 and head office (the titles of every report), and whether it is the demo branch.",
    roles: ANYONE,
    customers: NO_CUSTOMERS,
  },
  'branch.saveProfile': {
    input: z.strictObject({ profile: BranchProfileSchema }),
    output: BranchProfileViewSchema,
    doc: "Change the branch's name, 机构号 or head office (管理员; the demo branch only by clearing its data). Audited.",
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'branch.clearDemo': {
    input: ClearDemoInputSchema,
    output: ClearDemoResultSchema,
    doc: "Turn the demo branch into an empty branch of one's own: backup first, every invented customer, figure and demo staff member without sign-in removed (管理员, typed confirmation). Audited.",
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'dataDir.choose': {
    input: z.strictObject({}),
    output: DataDirChoiceSchema,
    doc: 'The desktop app only: the system folder dialog for where to move the data directory; the folder stays in main, the window gets a token (管理员).',
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
  'dataDir.removeOld': {
    input: RemoveOldDataDirInputSchema,
    output: RemoveOldDataDirResultSchema,
    doc: "The desktop app only: remove the branch's files from the data directory kept after a move (管理员, typed confirmation). Audited.",
    roles: ADMIN,
    customers: NO_CUSTOMERS,
  },
} as const satisfies Record<string, ChannelSpec>;

/** Long work of the branch (started with `jobs.start`). */
export const branchJobs = {
  'setup.loadDemo': {
    doc: 'First run only, before anyone can sign in: create the demo branch (invented customers, clearly labelled 演示数据). Dispatch serves it only while there is no database; once there is one, nobody may.',
    roles: [],
  },
  'dataDir.move': {
    doc: 'The desktop app only: move the data directory to the folder chosen (closed, copied, verified, switched; the old one kept). Audited.',
    roles: ADMIN,
  },
} satisfies Record<string, JobSpec>;
