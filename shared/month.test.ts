import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageAt, daysBetween, lastDayOfMonth, monthRange } from './month';

describe('month arithmetic', () => {
  it('adds months across year ends both ways', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-03', -24)).toBe('2022-03');
  });

  it('lists an inclusive range', () => {
    expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthRange('2024-02', '2024-01')).toEqual([]);
  });

  it('computes age on and around the birthday, including 29 February', () => {
    expect(ageAt('1980-05-10', '2024-05-09')).toBe(43);
    expect(ageAt('1980-05-10', '2024-05-10')).toBe(44);
    expect(ageAt('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageAt('2000-02-29', '2023-03-01')).toBe(23);
  });

  it('adds days and counts them across month ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2024-12-31', 30)).toBe('2025-01-30');
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(daysBetween('2024-03-10', '2024-03-01')).toBe(-9);
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2023-02')).toBe('2023-02-28');
    expect(lastDayOfMonth('2024-12')).toBe('2024-12-31');
  });
});
