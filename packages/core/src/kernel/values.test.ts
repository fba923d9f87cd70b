import { Stage } from '@lpdesk/contracts';
import { describe, expect, it } from 'vitest';
import { asEnum, asNullableEnum } from './values.js';

describe('asEnum', () => {
  it('passes a stored value the enum knows, typed as the enum', () => {
    const stage: Stage = asEnum(Stage, 'due_diligence');
    expect(stage).toBe('due_diligence');
    expect(asNullableEnum(Stage, null)).toBeNull();
    expect(asNullableEnum(Stage, 'closed')).toBe('closed');
  });

  it('refuses a stored value the enum does not know, naming it and the allowed ones', () => {
    expect(() => asEnum(Stage, 'won')).toThrow(/Unexpected stored value "won"; expected one of lead, outreach/);
    expect(() => asNullableEnum(Stage, '')).toThrow(/Unexpected stored value ""/);
  });
});
