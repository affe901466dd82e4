import { z } from 'zod';

/** At most this many customers answer one search (the palette's list). */
export const CUSTOMER_SEARCH_LIMIT = 20;

export const CustomerSearchInputSchema = z.strictObject({
  /** What was typed: a customer-number prefix, a mobile's last 4 digits, any part of the name, its pinyin or initials. */
  text: z.string().trim().min(1).max(40),
  /** Only this manager's customers (set by dispatch to a 客户经理's own code when their view is their book). */
  managerCode: z.string().min(1).max(32).optional(),
});
export type CustomerSearchInput = z.infer<typeof CustomerSearchInputSchema>;

/** What a customer was found by: its number, its mobile's last 4, its name, the name's full pinyin or its initials. */
export const SEARCH_MATCHES = ['number', 'mobile', 'name', 'pinyin', 'initials'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export const CustomerSearchHitSchema = z.object({
  customerNo: z.string(),
  name: z.string(),
  managerCode: z.string().nullable(),
  managerName: z.string().nullable(),
  mobileMasked: z.string().nullable(),
  matchedBy: z.enum(SEARCH_MATCHES),
});
export type CustomerSearchHit = z.infer<typeof CustomerSearchHitSchema>;

export const CustomerSearchResultSchema = z.object({
  /** Best first: exact matches, then prefixes, then a part of the name; at most `CUSTOMER_SEARCH_LIMIT`. */
  hits: z.array(CustomerSearchHitSchema),
  /** The caller sees names masked: a name is found only by its first character (docs/domain.md, "Finding a customer"). */
  namesMasked: z.boolean(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResultSchema>;
