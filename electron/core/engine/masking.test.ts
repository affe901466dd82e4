import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile } from './masking';

describe('masking', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps 3 + 4 of a mobile', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
  it('hides short values entirely rather than leaking them', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskMobile('12345')).toBe('*****');
  });
});
