/**
 * THE table of IPC channels, joined from each domain's own table (`shared/contract/<domain>.ts`): per channel its
 * input and output, who may call it and what it tells about customers. The preload allowlist, the main-process
 * dispatch, the access checks and the renderer client are all derived from it; a channel that is not here does not
 * exist, and a name declared by two domains stops the app at start.
 */
import type { z } from 'zod';
import type { JobKind } from '../schemas/jobs';
import { booksChannels } from './books';
import { campaignsChannels } from './campaigns';
import { benefitsChannels } from './benefits';
import { householdsChannels } from './households';
import { branchChannels, branchJobs } from './branch';
import { complaintsChannels } from './complaints';
import { customersChannels } from './customers';
import { exportsChannels, exportsJobs } from './exports';
import { flowsChannels } from './flows';
import { groupsChannels } from './groups';
import { importsChannels, importsJobs } from './imports';
import { jobsChannels } from './jobs';
import { loyaltyChannels } from './loyalty';
import { retentionChannels } from './retention';
import { rulePackagesChannels, rulePackagesJobs } from './rule-packages';
import { segmentsChannels, segmentsJobs } from './segments';
import type { JobSpec } from './spec';
import { suitabilityChannels } from './suitability';
import { surveysChannels } from './surveys';
import { tiersChannels, tiersJobs } from './tiers';
import { trustChannels } from './trust';
import { workbenchChannels } from './workbench';

export type { ChannelSpec, JobSpec } from './spec';

type Joined<T extends readonly object[]> = (
  T[number] extends infer U ? (U extends unknown ? (x: U) => void : never) : never
) extends (x: infer I) => void
  ? I
  : never;

/** The tables as one; a name in two of them is refused (`what` says which kind of name). */
export function joinTables<const T extends readonly object[]>(what: string, tables: T): Joined<T> {
  const joined: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.hasOwn(joined, name)) throw new Error(`${what} "${name}" is declared twice`);
      joined[name] = spec;
    }
  }
  return joined as Joined<T>;
}

export const contract = joinTables('channel', [
  trustChannels,
  branchChannels,
  customersChannels,
  tiersChannels,
  segmentsChannels,
  flowsChannels,
  groupsChannels,
  retentionChannels,
  complaintsChannels,
  surveysChannels,
  workbenchChannels,
  importsChannels,
  exportsChannels,
  rulePackagesChannels,
  suitabilityChannels,
  booksChannels,
  campaignsChannels,
  loyaltyChannels,
  benefitsChannels,
  householdsChannels,
  jobsChannels,
]);

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

/**
 * Each kind of long work started with `jobs.start`, declared like a channel in its domain's table (its request is in
 * `JobRequestSchema`; `acts` paths are within the request). An export is further decided by its template
 * (`REPORT_TEMPLATE_SPECS`).
 */
export const jobContract: Record<JobKind, JobSpec> = joinTables('job kind', [
  tiersJobs,
  segmentsJobs,
  importsJobs,
  exportsJobs,
  rulePackagesJobs,
  branchJobs,
]);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
