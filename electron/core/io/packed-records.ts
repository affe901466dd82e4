/**
 * Records sent from the import worker as columns: numbers in Float64Arrays (NaN for empty) and text in plain
 * arrays. Cloning columns between threads costs a fraction of cloning 200,000 objects of 15 properties.
 */
export interface PackedRecords {
  count: number;
  numbers: Record<string, Float64Array>;
  texts: Record<string, Array<string | null>>;
}

type Flat = Record<string, string | number | null>;

export function packRecords(records: readonly object[]): PackedRecords {
  const packed: PackedRecords = { count: records.length, numbers: {}, texts: {} };
  const first = records[0] as Flat | undefined;
  if (!first) return packed;
  const rows = records as readonly Flat[];
  for (const key of Object.keys(first)) {
    if (rows.every((r) => r[key] === null || typeof r[key] === 'number')) {
      const column = new Float64Array(rows.length);
      rows.forEach((r, i) => (column[i] = r[key] === null ? Number.NaN : (r[key] as number)));
      packed.numbers[key] = column;
    } else {
      packed.texts[key] = rows.map((r) => r[key] as string | null);
    }
  }
  return packed;
}

export function unpackRecords<R>(packed: PackedRecords): R[] {
  const numberKeys = Object.keys(packed.numbers);
  const textKeys = Object.keys(packed.texts);
  const records: R[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const record: Flat = {};
    for (const key of textKeys) record[key] = packed.texts[key][i];
    for (const key of numberKeys) {
      const value = packed.numbers[key][i];
      record[key] = Number.isNaN(value) ? null : value;
    }
    records[i] = record as R;
  }
  return records;
}
