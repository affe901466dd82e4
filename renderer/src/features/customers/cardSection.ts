/** A part of the customer card a link may open it at (the route's segment after the customer number). */
export const CARD_SECTIONS = ['suitability'] as const;
export type CardSection = (typeof CARD_SECTIONS)[number];

/** The card section a route segment names, or null. */
export const cardSectionOf = (segment: string | undefined): CardSection | null =>
  (CARD_SECTIONS as readonly string[]).includes(segment ?? '') ? (segment as CardSection) : null;
