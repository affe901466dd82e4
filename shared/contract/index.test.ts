import { describe, expect, it } from 'vitest';
import { CHANNELS, joinTables, jobContract } from '.';
import { tiersChannels, tiersJobs } from './tiers';
import { JobRequestSchema } from '../schemas/jobs';

describe('the channel table', () => {
  it('is joined from the domains’ tables, and refuses a name declared twice', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(Object.keys(tiersChannels)));
    expect(() => joinTables('channel', [tiersChannels, { 'tiers.overview': tiersChannels['tiers.overview'] }])).toThrow(
      'channel "tiers.overview" is declared twice',
    );
    expect(() => joinTables('job kind', [tiersJobs, tiersJobs])).toThrow(
      'job kind "tiers.recompute" is declared twice',
    );
  });

  it('declares every job kind once', () => {
    const kinds = JobRequestSchema.options.map((option) => option.shape.kind.value);
    expect(Object.keys(jobContract).sort()).toEqual(kinds.sort());
  });
});
