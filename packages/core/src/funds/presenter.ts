import { Exemption, type Fund, FundStatus } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { asEnum, asNullableEnum } from '../kernel/values.js';

export function presentFund(row: Row<'funds'>): Fund {
  const { updatedBy: _u, ...view } = row;
  return { ...view, status: asEnum(FundStatus, row.status), exemption: asNullableEnum(Exemption, row.exemption) };
}
