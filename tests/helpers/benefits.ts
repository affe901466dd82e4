import type { BenefitCatalogue } from '../../shared/schemas/benefits';

/** The benefits tests' catalogue: airport lounges (T3 2, T4 6 a calendar year, held in 观察), a health check (T4 once
 * a tier-anniversary year, not held in 观察). */
export const TEST_CATALOGUE: BenefitCatalogue = {
  validFrom: '2024-01',
  benefits: [
    {
      code: 'LOUNGE',
      name: '机场贵宾厅',
      yearBasis: 'calendar',
      heldInWatch: true,
      quotas: [
        { tierCode: 'T3', perYear: 2 },
        { tierCode: 'T4', perYear: 6 },
      ],
    },
    {
      code: 'HEALTH',
      name: '体检',
      yearBasis: 'anniversary',
      heldInWatch: false,
      quotas: [{ tierCode: 'T4', perYear: 1 }],
    },
  ],
};
