// Owns the compound rule in stage two: high water AND onshore wind, from whichever of the zone's stations report them.
import type { Observation, ParameterId } from '../observations/observation';
import type { Severity } from '../zones/hazard';
import type { RuleSpec, ZoneRule } from './rule-spec';
import { instantMs, isUsableQuality } from './rule-series';
import type { DecidingValue, Vote, ZoneRuleOutcome, ZoneState } from './verdict';
import { compareIds, DEFAULT_MAX_SILENCE_MS, laterInstant } from './zone-stage';

type CompoundSpec = Extract<RuleSpec, { kind: 'compound' }>;
type CompoundParameter = Extract<ParameterId, 'sea_level' | 'wind_speed' | 'wind_dir'>;
const COMPOUND_PARAMETERS: readonly ParameterId[] = ['sea_level', 'wind_speed', 'wind_dir'];

/** The newest value of one parameter at one station, as the compound rule remembers it. Plain data. */
export interface CompoundSeries {
  stationId: string;
  parameter: CompoundParameter;
  /** Newest `observedAt` applied (suspect included): not-newer observations are ignored. */
  lastAt: string;
  /** Newest usable value; null while the station sent only suspect values. */
  usable: { at: string; value: number; calm: boolean } | null;
  /** The newest value was flagged: the station does not take part until a usable one arrives. */
  suspect: boolean;
}

export interface CompoundRuleState {
  v: 1;
  zoneId: string;
  ruleId: string;
  watermark: string | null;
  /** The rule fired at its last definite evaluation: the sea must fall below `leave`, not `enter`, to end it. */
  active: boolean;
  /** Sorted by station id, then parameter. */
  series: CompoundSeries[];
  outcome: ZoneRuleOutcome | null;
}

export interface CompoundStepInput {
  zoneId: string;
  rule: ZoneRule;
  state: CompoundRuleState | undefined;
  /** A sea_level, wind_speed or wind_dir observation from any of the zone's stations; omit to tick. */
  observation?: Observation;
  /** The silence reference, as in ZoneStepInput.watermark; null: no age-based silence yet. */
  watermark: string | null;
  maxSilenceMs?: number;
}

export interface CompoundStep {
  state: CompoundRuleState;
  outcome: ZoneRuleOutcome;
  /** The zone's state (severity, null or unknown) differs from the previous outcome's. */
  changed: boolean;
}

/**
 * Whether a direction (degrees the wind comes from) lies in the sector clockwise from `fromDeg` to
 * `toDeg`, both inclusive. The sector may wrap through north (300 → 60); 0 and 360 are both north.
 * A sector spanning 360° or more takes every direction.
 */
export function inWindSector(dirDeg: number, fromDeg: number, toDeg: number): boolean {
  if (toDeg - fromDeg >= 360) return true;
  const norm = (d: number) => ((d % 360) + 360) % 360;
  const width = norm(toDeg - fromDeg);
  return norm(dirDeg - fromDeg) <= width;
}

/**
 * Applies one observation and re-judges the rule at the watermark. Three-valued: the sea part is
 * unknown without a voting gauge, the wind part without a voting weather station (speed and direction
 * both current and unflagged); "high AND onshore" is false as soon as either part is false, so a low
 * sea needs no wind to be clear, but it is `unknown` — never clear — while a true part waits for the
 * other. Several gauges: the highest current level counts; several weather stations: any one onshore
 * and strong enough counts. A calm reading (wind_dir 0 flagged `calm`) lies in no sector.
 */
export function stepCompoundRule(input: CompoundStepInput): CompoundStep {
  const { zoneId, rule, observation: o } = input;
  if (rule.spec.kind !== 'compound') throw new Error(`rule ${rule.id} is ${rule.spec.kind}, not compound`);
  const spec = rule.spec;
  const maxSilenceMs = input.maxSilenceMs ?? DEFAULT_MAX_SILENCE_MS;
  const prior: CompoundRuleState =
    input.state && input.state.ruleId === rule.id && input.state.zoneId === zoneId
      ? input.state
      : { v: 1, zoneId, ruleId: rule.id, watermark: null, active: false, series: [], outcome: null };

  const series = o ? applyObservation(prior.series, o) : prior.series;
  const applied = o !== undefined && series !== prior.series;
  const watermark = laterInstant(prior.watermark, input.watermark);
  const at = (applied ? o.observedAt : null) ?? watermark ?? prior.outcome?.at ?? o?.observedAt ?? '1970-01-01T00:00:00.000Z';
  const nowMs = watermark ? instantMs(watermark) : Number.NEGATIVE_INFINITY;
  const statusOf = (s: CompoundSeries): Vote['status'] =>
    nowMs - instantMs(s.lastAt) > maxSilenceMs ? 'silent' : s.suspect || !s.usable ? 'suspect' : 'ok';

  // Sea part: the highest current level among voting gauges.
  const gauges = series.filter((s) => s.parameter === 'sea_level' && statusOf(s) === 'ok');
  const peak = gauges.reduce<CompoundSeries | undefined>(
    (best, s) => (!best || s.usable!.value > best.usable!.value ? s : best),
    undefined,
  );
  const seaLevel = prior.active ? spec.seaLevelLeaveM : spec.seaLevelEnterM;
  const seaHolds = (s: CompoundSeries) => s.usable!.value >= seaLevel;
  const sea: boolean | null = peak ? seaHolds(peak) : null;

  // Wind part: per weather station, speed and direction both current.
  const windIds = [...new Set(series.filter((s) => s.parameter !== 'sea_level').map((s) => s.stationId))];
  const windOf = (id: string) => {
    const speed = series.find((s) => s.stationId === id && s.parameter === 'wind_speed');
    const dir = series.find((s) => s.stationId === id && s.parameter === 'wind_dir');
    const statuses = [speed, dir].map((s) => (s ? statusOf(s) : 'silent'));
    const status: Vote['status'] = statuses.includes('silent')
      ? 'silent'
      : statuses.includes('suspect')
        ? 'suspect'
        : 'ok';
    const onshore = status === 'ok' && windOnshore(spec, speed!.usable!, dir!.usable!);
    return { status, onshore };
  };
  const winds = windIds.map((id) => ({ id, ...windOf(id) }));
  const voting = winds.filter((w) => w.status === 'ok');
  const wind: boolean | null = voting.some((w) => w.onshore) ? true : voting.length > 0 ? false : null;

  const truth = sea === false || wind === false ? false : sea === true && wind === true ? true : null;
  const state: ZoneState = truth === null ? 'unknown' : truth ? spec.severity : null;
  const active = truth === null ? prior.active : truth;

  const votes = voteList(series, statusOf, seaHolds, winds, spec.severity);
  const changed = prior.outcome?.state !== state;
  const decidedBy: DecidingValue | undefined =
    changed && peak
      ? {
          stationId: peak.stationId,
          parameter: 'sea_level',
          observedAt: peak.usable!.at,
          value: peak.usable!.value,
          measure: 'value',
        }
      : changed
        ? undefined
        : prior.outcome?.decidedBy;
  const outcome: ZoneRuleOutcome = {
    zoneId,
    ruleId: rule.id,
    hazard: rule.hazard,
    state,
    votes,
    at,
  };
  if (decidedBy) outcome.decidedBy = decidedBy;
  return { state: { ...prior, watermark, active, series, outcome }, outcome, changed };
}

function windOnshore(
  spec: CompoundSpec,
  speed: NonNullable<CompoundSeries['usable']>,
  dir: NonNullable<CompoundSeries['usable']>,
): boolean {
  return (
    !dir.calm &&
    speed.value >= spec.minWindSpeedMs &&
    inWindSector(dir.value, spec.windFromDeg, spec.windToDeg)
  );
}

function applyObservation(series: readonly CompoundSeries[], o: Observation): CompoundSeries[] {
  if (!COMPOUND_PARAMETERS.includes(o.parameter)) return series as CompoundSeries[];
  const atMs = instantMs(o.observedAt);
  if (Number.isNaN(atMs)) return series as CompoundSeries[];
  const held = series.find((s) => s.stationId === o.stationId && s.parameter === o.parameter);
  if (held && atMs <= instantMs(held.lastAt)) return series as CompoundSeries[];
  const usable = isUsableQuality(o.quality);
  const next: CompoundSeries = {
    stationId: o.stationId,
    parameter: o.parameter as CompoundParameter,
    lastAt: o.observedAt,
    usable: usable
      ? { at: o.observedAt, value: o.value, calm: o.quality === 'calm' }
      : (held?.usable ?? null),
    suspect: !usable,
  };
  return [...series.filter((s) => s !== held), next].sort(
    (a, b) => compareIds(a.stationId, b.stationId) || compareIds(a.parameter, b.parameter),
  );
}

function voteList(
  series: readonly CompoundSeries[],
  statusOf: (s: CompoundSeries) => Vote['status'],
  seaHolds: (s: CompoundSeries) => boolean,
  winds: readonly { id: string; status: Vote['status']; onshore: boolean }[],
  severity: Severity,
): Vote[] {
  const votes: Vote[] = [];
  for (const g of series.filter((s) => s.parameter === 'sea_level')) {
    const status = statusOf(g);
    votes.push({
      stationId: g.stationId,
      status,
      severity: status === 'ok' && seaHolds(g) ? severity : null,
    });
  }
  for (const w of winds) {
    // A station measuring both sea and wind is listed once, by its worse part.
    const i = votes.findIndex((v) => v.stationId === w.id);
    const vote: Vote = { stationId: w.id, status: w.status, severity: w.onshore ? severity : null };
    if (i < 0) votes.push(vote);
    else
      votes[i] = {
        stationId: w.id,
        status: worse(votes[i].status, w.status),
        severity: votes[i].severity && vote.severity,
      };
  }
  return votes.sort((a, b) => compareIds(a.stationId, b.stationId));
}

function worse(a: Vote['status'], b: Vote['status']): Vote['status'] {
  const order = ['ok', 'suspect', 'silent'];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}
