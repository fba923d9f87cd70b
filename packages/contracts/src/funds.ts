import { z } from 'zod';
import { CalendarDate, CurrencyCode, ListQueryBase, MinorUnits, NonEmptyText, OptionalText } from './common.js';

export const FundStatus = z.enum(['planning', 'raising', 'closed']);
export const Exemption = z.enum(['506b', '506c']);
export type FundStatus = z.infer<typeof FundStatus>;
export type Exemption = z.infer<typeof Exemption>;

const fundFields = {
  name: NonEmptyText(200),
  vintage: z.int().min(1900).max(2200).nullable(),
  currency: CurrencyCode,
  targetAmount: MinorUnits.nullable(),
  hardCapAmount: MinorUnits.nullable(),
  status: FundStatus,
  exemption: Exemption.nullable(),
  firstCloseOn: CalendarDate.nullable(),
  finalCloseOn: CalendarDate.nullable(),
  description: OptionalText(5000),
};

export const FundCreateInput = z
  .strictObject(fundFields)
  .partial()
  .extend({ name: fundFields.name, currency: CurrencyCode.default('USD'), status: FundStatus.default('raising') });
export type FundCreateInput = z.infer<typeof FundCreateInput>;

export const FundUpdateInput = z.strictObject(fundFields).partial();
export type FundUpdateInput = z.infer<typeof FundUpdateInput>;

export const FundListQuery = z.strictObject({ ...ListQueryBase.shape, status: FundStatus.optional() });
export type FundListQuery = z.infer<typeof FundListQuery>;
