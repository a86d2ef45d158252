import { newestRevisionPerKey, Observation, observationKey } from './observation';

const revision = (value: number, createdAt: string, observedAt = '2023-10-21T03:00:00.000Z'): Observation => ({
  stationId: '9020201',
  parameter: 'sea_level',
  observedAt,
  value,
  unit: 'm',
  source: 'dmi-oceanobs',
  quality: 'ok',
  createdAt,
  receivedAt: createdAt,
});

describe('newestRevisionPerKey', () => {
  it('keeps the revision with the newest createdAt per key, whatever the order', () => {
    const folded = newestRevisionPerKey([
      revision(2.0, '2023-10-21T03:05:00Z'),
      revision(2.02, '2023-10-21T03:20:00Z'),
      revision(1.99, '2023-10-21T03:10:00Z'),
      revision(1.8, '2023-10-21T02:05:00Z', '2023-10-21T02:00:00.000Z'),
    ]);
    expect(folded.map((o) => [o.observedAt, o.value])).toEqual([
      ['2023-10-21T03:00:00.000Z', 2.02],
      ['2023-10-21T02:00:00.000Z', 1.8],
    ]);
  });

  it('keeps the first of two revisions with the same createdAt, as the stored row wins in the upsert', () => {
    const folded = newestRevisionPerKey([revision(2.0, '2023-10-21T03:05:00Z'), revision(2.5, '2023-10-21T03:05:00Z')]);
    expect(folded.map((o) => o.value)).toEqual([2.0]);
  });

  it('keys on station, parameter and observed time', () => {
    expect(observationKey(revision(1, '2023-10-21T03:05:00Z'))).toBe('9020201|sea_level|2023-10-21T03:00:00.000Z');
  });
});
