import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobile, maskName } from './masking';

describe('masking', () => {
  it('keeps the first 6 and last 4 of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('keeps 3 + 4 of a mobile', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });
  it('keeps the first and last character of a name (柜员 view)', () => {
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳春晓')).toBe('欧**晓');
    expect(maskName('王芳')).toBe('王*');
    expect(maskName('李')).toBe('*');
  });
  it('hides short values entirely rather than leaking them', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskMobile('12345')).toBe('*****');
  });
});
