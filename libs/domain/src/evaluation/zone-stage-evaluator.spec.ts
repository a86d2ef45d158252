// Stage two's output order: a zone's rules judged up to one frontier give their signals in event-time order
// across the rules, so a consumer combining rules (a threat incident) sees the same order from one backfill
// window as from live windows.
import type { Observation } from '../observations/observation';
import type { LevelSet, ZoneRule } from '../rules/rule-spec';
import type { Zone } from '../zones/zone';
import { StateStore } from './state-store';
import { StationStageEvaluator, type StationStageState } from './station-stage-evaluator';
import type { ZoneInput } from './zone-input';
import { ZoneStageEvaluator, type IdentifiedAlertSignal, type ZoneStageState } from './zone-stage-evaluator';

const STATION = '06123';
const level = (id: string, enter: number): LevelSet => ({
  id,
  name: id,
  version: 1,
  datum: 'none',
  scenario: 'today',
  levels: [{ severity: 'yellow', enter, leave: enter - 1, label: id }],
});
const rule = (id: string, levelSetId: string): ZoneRule => ({
  id,
  hazard: 'cloudburst',
  spec: { kind: 'threshold', parameter: 'precip_past10min', levelSetId, minDurationMs: 0 },
  enabled: true,
});

// The rule listed first fires later: judged rule after rule, its signals would come first.
const ZONE: Zone = {
  id: 'z',
  name: 'z',
  illustrative: true,
  hazards: ['cloudburst'],
  owner: 'test',
  geometry: { type: 'Polygon', coordinates: [[[9.8, 55.2], [9.9, 55.2], [9.9, 55.3], [9.8, 55.2]]] },
  representativeStationIds: [STATION],
  nearbyDistanceM: 0,
  levelSets: [level('high', 10), level('low', 3)],
  rules: [rule('late', 'high'), rule('early', 'low')],
  version: 1,
  validFrom: '2023-01-01T00:00:00.000Z',
  validTo: null,
};

const obs = (minute: number, value: number): Observation => {
  const at = new Date(Date.parse('2023-10-20T16:00:00Z') + minute * 60_000).toISOString();
  return { stationId: STATION, parameter: 'precip_past10min', observedAt: at, value, unit: 'mm', source: 'dmi-metobs', quality: 'ok', createdAt: at, receivedAt: at };
};

/** The values through stage one, vouched complete up to `upTo` at the end (one window), then stage two. */
function signalsOf(windows: { values: Observation[]; upTo: string }[]): IdentifiedAlertSignal[] {
  const one = new StationStageEvaluator(new StateStore<StationStageState>());
  const two = new ZoneStageEvaluator(new StateStore<ZoneStageState>());
  const out: IdentifiedAlertSignal[] = [];
  for (const w of windows) {
    const inputs: ZoneInput[] = [];
    for (const o of w.values) inputs.push(...one.applyObservation(o, [ZONE]).inputs);
    inputs.push(...one.applyProgress({ kind: 'station-progress', stationId: STATION, feed: 'dmi-metobs', completeUpTo: w.upTo, announcedAt: w.upTo }, [ZONE]));
    for (const input of inputs) out.push(...two.apply(input, ZONE, () => [STATION]).signals);
  }
  return out;
}

describe('ZoneStageEvaluator output order', () => {
  const values = [obs(0, 5), obs(10, 12), obs(20, 0), obs(30, 0)];
  const end = '2023-10-20T16:40:00.000Z';

  // Ties at one instant go in signal-id order (fingerprint, kind): fixed, whatever released them.
  it("gives a zone's signals in event-time order across its rules when one window releases them all", () => {
    const backfill = signalsOf([{ values, upTo: end }]);
    expect(backfill.map((s) => `${s.ruleId}:${s.kind}@${s.at.slice(11, 16)}`)).toEqual([
      'early:firing@16:00',
      'late:firing@16:10',
      'early:resolved@16:20',
      'late:resolved@16:20',
    ]);
  });

  it('gives the same sequence as live windows of ten minutes', () => {
    const live = signalsOf(values.map((v) => ({ values: [v], upTo: new Date(Date.parse(v.observedAt) + 600_000).toISOString() })).concat([{ values: [], upTo: end }]));
    const backfill = signalsOf([{ values, upTo: end }]);
    expect(backfill.map((s) => s.signalId)).toEqual(live.map((s) => s.signalId));
  });
});
