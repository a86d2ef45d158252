// The zone-risk outcomes on both engines: what stood at a moment, per rule, and re-delivery leaving the same rows.
import type { Vote } from '@klimavagt/domain';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';
import { ZoneRiskOutcomeInput, ZoneRiskRepository } from './zone-risk.repository';

const HAVN: Vote = { stationId: '9020201', severity: 'orange', status: 'ok' };
const HAVN_SILENT: Vote = { stationId: '9020201', severity: null, status: 'silent' };

function outcome(ruleId: string, at: string, state: ZoneRiskOutcomeInput['state'], votes: Vote[] = [HAVN]): ZoneRiskOutcomeInput {
  return { zoneId: 'assens-havn', ruleId, hazard: 'coastal-flooding', state, votes, at };
}

const HISTORY = [
  outcome('vandstand', '2023-10-20T22:00:00.000Z', 'orange'),
  outcome('vandstand', '2023-10-20T22:50:00.000Z', 'unknown', [HAVN_SILENT]),
  outcome('vandstand', '2023-10-21T00:00:00.000Z', 'orange'),
  outcome('hoejvande-paalandsvind', '2023-10-20T21:00:00.000Z', null),
];
const RULES = [
  { zoneId: 'assens-havn', ruleId: 'vandstand' },
  { zoneId: 'assens-havn', ruleId: 'hoejvande-paalandsvind' },
  { zoneId: 'toroe-huse', ruleId: 'vandstand' },
];

describe.each(TEST_ENGINES)('zone-risk outcomes on %s', (engine) => {
  let t: TestDatabase;
  let outcomes: ZoneRiskRepository;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    outcomes = new ZoneRiskRepository(t.db);
    expect(await outcomes.record(HISTORY)).toBe(4);
  });
  afterAll(() => t?.close());

  const standing = async (at: string) =>
    (await outcomes.standingAt(RULES, new Date(at))).map((o) => [o.zoneId, o.ruleId, o.state, o.at]);

  it('answers, per rule, the newest outcome at or before the moment; a rule with none is left out', async () => {
    expect(await standing('2023-10-20T20:00:00.000Z')).toEqual([]);
    expect(await standing('2023-10-20T22:00:00.000Z')).toEqual([
      ['assens-havn', 'hoejvande-paalandsvind', null, '2023-10-20T21:00:00.000Z'],
      ['assens-havn', 'vandstand', 'orange', '2023-10-20T22:00:00.000Z'],
    ]);
    expect(await standing('2023-10-20T23:30:00.000Z')).toEqual([
      ['assens-havn', 'hoejvande-paalandsvind', null, '2023-10-20T21:00:00.000Z'],
      ['assens-havn', 'vandstand', 'unknown', '2023-10-20T22:50:00.000Z'],
    ]);
    expect(await standing('2023-10-21T00:10:00.000Z')).toEqual([
      ['assens-havn', 'hoejvande-paalandsvind', null, '2023-10-20T21:00:00.000Z'],
      ['assens-havn', 'vandstand', 'orange', '2023-10-21T00:00:00.000Z'],
    ]);
  });

  it('keeps the votes, so the map can name the silent gauges', async () => {
    const [, gap] = await outcomes.standingAt(RULES, new Date('2023-10-20T23:30:00.000Z'));
    expect(gap.votes).toEqual([HAVN_SILENT]);
    expect(gap.hazard).toBe('coastal-flooding');
  });

  it('a re-delivered outcome is the same row; a key repeated in one batch keeps its last word', async () => {
    const count = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) n FROM zone_risk_outcomes'))[0].n);
    await outcomes.record(HISTORY);
    await outcomes.record([...HISTORY].reverse().slice(0, 2));
    // The same instant spelled differently is the same key.
    await outcomes.record([{ ...HISTORY[1], at: '2023-10-20T22:50:00+00:00' }]);
    expect(await count()).toBe(4);
    expect(await standing('2023-10-20T23:30:00.000Z')).toContainEqual(['assens-havn', 'vandstand', 'unknown', '2023-10-20T22:50:00.000Z']);

    await outcomes.record([outcome('vandstand', '2023-10-21T01:00:00.000Z', 'yellow'), outcome('vandstand', '2023-10-21T01:00:00.000Z', 'red')]);
    expect(await count()).toBe(5);
    expect(await standing('2023-10-21T01:00:00.000Z')).toContainEqual(['assens-havn', 'vandstand', 'red', '2023-10-21T01:00:00.000Z']);
  });
});
