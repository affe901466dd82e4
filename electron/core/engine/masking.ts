/** Masking of personal data before it leaves the main process (DOMAIN.md, "Personal data"). */

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
