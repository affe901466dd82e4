/** Masking of personal data before it leaves the main process (docs/domain.md, "Personal data"). */

/** ID number: first 6 and last 4 kept, `110101********1234`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** Mobile: first 3 and last 4 kept, `138****5678`. */
export function maskMobile(mobile: string): string {
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return mobile.slice(0, 3) + '*'.repeat(mobile.length - 7) + mobile.slice(-4);
}

/** Name: first and last character kept, `张*明`; two characters keep the first, `王*`. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** The fields of a customer row that name the customer: masked for a teller when the access settings say so. */
export const CUSTOMER_NAME_FIELDS: ReadonlySet<string> = new Set(['name', 'customerName']);

/**
 * What a teller gets instead of each field of a customer row (and anything nested in it) that holds or gives away a
 * balance: amounts, gaps to a threshold, the risk score built from them, explanations written with them, and the
 * monthly assets. Thresholds are the branch's rules, not a customer's money, and stay. The contract test walks every
 * customer row of every channel: an amount field missing here fails it.
 */
/**
 * What is measured from a household's figure, withheld from a narrowed viewer for a customer whose household reaches
 * into another book (the figure less their own customers' would tell another book's money): the amount needed, the
 * gap to hold, the tier's explanation and its reasons (docs/domain.md, "Households").
 */
export const HOUSEHOLD_DERIVED: Readonly<Record<string, null | '' | readonly never[]>> = {
  amountNeededFen: null,
  holdGapFen: null,
  explanation: '',
  reasons: [],
};

export const HIDDEN_FROM_TELLERS: Readonly<Record<string, null | '' | readonly never[]>> = {
  aumFen: null,
  amountNeededFen: null,
  annualIncomeFen: null,
  holdGapFen: null,
  nextGapFen: null,
  amountFen: null,
  score: null,
  riskScore: null,
  explanation: '',
  reasons: [],
  months: [],
  warning: null,
};
