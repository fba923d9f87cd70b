import { describe, expect, it } from 'vitest';
import { trashImpactSentences } from './trash-impact';

const ID = '0190c0de-0000-7000-8000-000000000001';

describe('trashImpactSentences', () => {
  it('says which commitments and how much money leave which screens when an organization is trashed', () => {
    const lines = trashImpactSentences({
      entityType: 'organization',
      id: ID,
      name: 'Harbor Family Office',
      commitments: 3,
      funds: [{ fundId: ID, fundName: 'Fund II', currency: 'USD', commitments: 3, committedAmount: 500_000_000, expectedAmount: 200_000_000 }],
      primaryContactOf: 0,
      linkedRecords: 2,
      openTasks: 1,
      communications: 4,
    });
    expect(lines).toEqual([
      '3 commitments leave the Pipeline, the LP Tracker and the Dashboard.',
      '$5M committed leaves Fund II totals.',
      '$2M expected leaves the Fund II pipeline.',
      '2 people stay in Contacts, shown without Harbor Family Office.',
      '1 open task stays in Tasks, linked to a record in the trash.',
      '4 communications stay in the Communications feed.',
    ]);
  });

  it('says nothing when nothing else is linked, and speaks of one commitment in the singular', () => {
    const empty = {
      entityType: 'contact' as const,
      id: ID,
      name: 'Ada Lovelace',
      commitments: 0,
      funds: [],
      primaryContactOf: 0,
      linkedRecords: 0,
      openTasks: 0,
      communications: 0,
    };
    expect(trashImpactSentences(empty)).toEqual([]);
    expect(trashImpactSentences({ ...empty, primaryContactOf: 1, linkedRecords: 1 })).toEqual([
      '1 commitment names Ada Lovelace as primary contact; pick another there, or they keep pointing at a trashed contact.',
      'Ada Lovelace leaves the People list of 1 organization.',
    ]);
  });
});
