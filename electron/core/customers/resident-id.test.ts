import { describe, expect, it } from 'vitest';
import { birthDateOfResidentId, isValidResidentId, residentIdCheckChar } from './resident-id';

describe('GB 11643 resident ID', () => {
  it('computes the check character of the standard example', () => {
    // The worked example of GB 11643-1999: 11010519491231002X.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
  });

  it.each([
    ['11010519491231002', 'too short'],
    ['110105194912310021', 'wrong check digit'],
    ['110105194902300028', 'no 30 February'],
    ['1.10101E+17', 'number typed as scientific notation'],
  ])('rejects %s (%s)', (id) => expect(isValidResidentId(id)).toBe(false));

  it('reads the birth date', () => {
    expect(birthDateOfResidentId('11010519491231002X')).toBe('1949-12-31');
  });
});
