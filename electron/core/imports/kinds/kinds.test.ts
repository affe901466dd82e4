import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, IMPORT_KINDS } from '../../../../shared/import-fields';
import { REQUIRED_FIELDS } from '../import-layout';
import { IMPORT_KIND_SPECS } from './index';

describe('import kinds', () => {
  it('has one kind object for each kind of the contract, and no other', () => {
    expect(Object.keys(IMPORT_KIND_SPECS).sort()).toEqual([...IMPORT_KINDS].sort());
  });

  it('counts the records of each kind that writes rows of its own in a summary count of its own', () => {
    const counts = IMPORT_KINDS.map((kind) => IMPORT_KIND_SPECS[kind].summaryRows).filter((c) => c !== null);
    expect(new Set(counts).size).toBe(counts.length);
  });

  it("requires of each kind's files only fields of that kind", () => {
    for (const kind of IMPORT_KINDS)
      expect(REQUIRED_FIELDS[kind].filter((f) => !(IMPORT_FIELDS[kind] as readonly string[]).includes(f))).toEqual([]);
  });
});
