import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_STAFF_NAME, staffName } from './staff-name';

describe('staffName', () => {
  it('shows a placeholder with its 工号, a real name as it is, the 工号 when there is no name', () => {
    expect(staffName(PLACEHOLDER_STAFF_NAME, 'A0123')).toBe('（待补充）A0123');
    expect(staffName('周文静', 'M01')).toBe('周文静');
    expect(staffName(null, 'M01')).toBe('M01');
    expect(staffName(null, null)).toBeNull();
  });
});
