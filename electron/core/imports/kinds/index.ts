import type { ImportKind } from '../../../../shared/schemas/imports';
import { assets } from './assets';
import { assessments } from './assessments';
import { assignments } from './assignments';
import { benefitUsage } from './benefit-usage';
import { customers } from './customers';
import { holdings } from './holdings';
import { households } from './households';
import { products } from './products';
import type { ImportKindSpec } from './kind';
import { surveys } from './surveys';

/** Each kind of import file, by its name (`IMPORT_KINDS`): one file each in this folder. */
export const IMPORT_KIND_SPECS: Record<ImportKind, ImportKindSpec> = {
  customers,
  assignments,
  assessments,
  assets,
  products,
  holdings,
  surveys,
  'benefit-usage': benefitUsage,
  households,
};
