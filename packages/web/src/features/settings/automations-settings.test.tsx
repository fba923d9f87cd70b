import { describe, expect, it } from 'vitest';
import { parseTyped } from './automation-form';
import { describeAction, describeTrigger, recordLink } from './automations-settings';

describe('automation rule helpers', () => {
  it('reads typed values: empty is none, true/false and numbers keep their type', () => {
    expect(parseTyped('')).toBeNull();
    expect(parseTyped('true')).toBe(true);
    expect(parseTyped('42')).toBe(42);
    expect(parseTyped('@today-30d')).toBe('@today-30d');
    expect(parseTyped('Boston')).toBe('Boston');
  });

  it('says what a rule does in words', () => {
    expect(describeTrigger({ trigger: { type: 'stage_changed', entityType: 'commitment', to: 'declined' } })).toBe('When a commitment moves to Declined');
    expect(describeTrigger({ trigger: { type: 'created', entityType: 'organization' } })).toBe('When an organization is created');
    expect(describeAction({ type: 'create_task', title: 'Follow up', dueInDays: 3 })).toBe('create task “Follow up” due in 3 d');
    expect(recordLink('organization', 'x')).toBe('/organizations/x');
  });
});
