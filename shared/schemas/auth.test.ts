import { describe, expect, it } from 'vitest';
import { StaffCodeInputSchema } from './auth';

const problem = (input: string) => StaffCodeInputSchema.safeParse(input).error?.issues.map((i) => i.message);

describe('工号 as typed', () => {
  it('asks for a 工号 when none is given, and names the characters allowed otherwise', () => {
    expect(problem('')).toEqual(['请填写工号']);
    expect(problem('   ')).toEqual(['请填写工号']);
    expect(problem('张三')).toEqual(['工号只能包含字母、数字、- 和 _（最多 32 位）']);
    expect(StaffCodeInputSchema.parse(' M01 ')).toBe('M01');
  });
});
