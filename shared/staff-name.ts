/**
 * The name of a staff member an import creates for a 工号 the staff list lacks (docs/domain.md, "Head-office
 * spreadsheets"): a placeholder until the administrator fills the name in.
 */
export const PLACEHOLDER_STAFF_NAME = '（待补充）';

/**
 * A staff member's name as every screen shows it: a placeholder with its 工号 after it (`（待补充）A0123`), so two
 * placeholders can be told apart; the 工号 alone when there is no name.
 */
export function staffName(name: string | null, code: string | null): string | null {
  if (name === null) return code;
  return name === PLACEHOLDER_STAFF_NAME && code !== null ? `${name}${code}` : name;
}
