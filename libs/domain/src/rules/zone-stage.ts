// Owns stage two of the evaluator: a zone's stations' verdicts on one rule combined by k-of-n, with silence.
import { severityRank } from '../zones/hazard';
import type { ZoneRule } from './rule-spec';
import { HOUR_MS, instantMs } from './rule-series';
import type { DecidingValue, StationVerdict, Vote, ZoneRuleOutcome, ZoneState } from './verdict';

/** Without a stale rule a station is silent after 3 h: well past the 10-minute cadence and a feed hiccup. */
export const DEFAULT_MAX_SILENCE_MS = 3 * HOUR_MS;

/** The silence limit a zone's rules set: its (strictest enabled) stale rule, else DEFAULT_MAX_SILENCE_MS. */
export function maxSilenceMsOf(rules: readonly ZoneRule[]): number {
  const limits = rules.flatMap((r) => (r.enabled && r.spec.kind === 'stale' ? [r.spec.maxSilenceMs] : []));
  return limits.length > 0 ? Math.min(...limits) : DEFAULT_MAX_SILENCE_MS;
}

/** Advances the watermark monotonically: a late or repeated tick never moves event time back. */
export function laterInstant(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return instantMs(b) > instantMs(a) ? b : a;
}

/** Plain JSON; arrays sorted by station id so persisted state is byte-stable for equal inputs. */
export interface ZoneRuleState {
  v: 1;
  zoneId: string;
  ruleId: string;
  /** The newest silence reference applied (see ZoneStepInput.watermark), never moved back. */
  watermark: string | null;
  stations: StationVerdict[];
  outcome: ZoneRuleOutcome | null;
  /** The episode's highest measured value while at a severity (see ZoneRuleOutcome.peak); absent when clear. */
  peak?: DecidingValue | null;
}

export interface ZoneStepInput {
  zoneId: string;
  rule: ZoneRule;
  state: ZoneRuleState | undefined;
  /** A station's newest verdict on this rule; omit to re-judge silence as the watermark moves. */
  verdict?: StationVerdict;
  /**
   * The event time every input partition has reached (see lowWatermarkOf): a station whose newest verdict
   * is older than this by more than maxSilenceMs is silent. Deliberately not the newest verdict's time: a
   * partition read ahead of another must not silence the other's gauges. Null: no age-based silence yet.
   */
  watermark: string | null;
  /** See maxSilenceMsOf; defaults to DEFAULT_MAX_SILENCE_MS. */
  maxSilenceMs?: number;
  /** The zone's stations for this rule: one that never reported counts as silent, not as absent. */
  expectedStationIds?: readonly string[];
}

export interface ZoneStep {
  state: ZoneRuleState;
  outcome: ZoneRuleOutcome;
  /** The zone's state (severity, null or unknown) differs from the previous outcome's. */
  changed: boolean;
}

/**
 * Combines stations' verdicts: the zone takes the highest severity that at least k voting stations
 * reach (k = quorum.k, default 1). Silent stations (last verdict older than maxSilenceMs before the
 * watermark) and suspect ones do not vote; with fewer than k voters the zone is `unknown`, never clear.
 * A verdict not newer than the one held for its station, or for another zone or rule, is ignored.
 */
export function stepZoneRule(input: ZoneStepInput): ZoneStep {
  const { zoneId, rule, verdict } = input;
  const maxSilenceMs = input.maxSilenceMs ?? DEFAULT_MAX_SILENCE_MS;
  const prior: ZoneRuleState =
    input.state && input.state.ruleId === rule.id && input.state.zoneId === zoneId
      ? input.state
      : { v: 1, zoneId, ruleId: rule.id, watermark: null, stations: [], outcome: null };

  let stations = prior.stations;
  let applied: StationVerdict | undefined;
  if (verdict && verdict.zoneId === zoneId && verdict.ruleId === rule.id) {
    const held = stations.find((s) => s.stationId === verdict.stationId);
    const newer = !held || instantMs(verdict.at) > instantMs(held.at);
    if (newer || (verdict.revised && instantMs(verdict.at) >= instantMs(held.at))) {
      applied = verdict;
      stations = [...stations.filter((s) => s.stationId !== verdict.stationId), verdict].sort((a, b) =>
        compareIds(a.stationId, b.stationId),
      );
    }
  }
  const watermark = laterInstant(prior.watermark, input.watermark);
  // Stamped with the verdict that caused it, else with the reference that silenced someone: event time only.
  const at = applied?.at ?? watermark ?? prior.outcome?.at ?? newestOf(stations) ?? EPOCH;
  const combined = combine(zoneId, rule, stations, watermark, at, maxSilenceMs, input.expectedStationIds ?? []);
  const peak = episodePeak(rule, prior.peak ?? null, combined, applied);
  const outcome: ZoneRuleOutcome = peak ? { ...combined, peak } : combined;
  // A clear zone ends the episode: its peak goes out with this outcome, the next episode starts afresh.
  const state: ZoneRuleState = { ...prior, watermark, stations, outcome, peak: combined.state === null ? null : peak };
  return { state, outcome, changed: prior.outcome?.state !== outcome.state };
}

function combine(
  zoneId: string,
  rule: ZoneRule,
  stations: readonly StationVerdict[],
  watermark: string | null,
  at: string,
  maxSilenceMs: number,
  expected: readonly string[],
): ZoneRuleOutcome {
  const nowMs = watermark ? instantMs(watermark) : Number.NEGATIVE_INFINITY;
  const votes: Vote[] = stations.map((s) => ({
    stationId: s.stationId,
    severity: s.severity,
    status: nowMs - instantMs(s.at) > maxSilenceMs ? 'silent' : s.status,
  }));
  for (const id of expected) {
    if (!votes.some((v) => v.stationId === id))
      votes.push({ stationId: id, severity: null, status: 'silent' });
  }
  votes.sort((a, b) => compareIds(a.stationId, b.stationId));

  const k = Math.max(1, rule.quorum?.k ?? 1);
  // Highest first, ties by station id: the k-th of them is the station that limits the zone's severity.
  const voters = stations
    .filter((s) => votes.find((v) => v.stationId === s.stationId)?.status === 'ok')
    .sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || compareIds(a.stationId, b.stationId),
    );
  const outcome: ZoneRuleOutcome = {
    zoneId,
    ruleId: rule.id,
    hazard: rule.hazard,
    state: 'unknown',
    votes,
    at,
  };
  if (voters.length < k) return outcome;
  const decider = voters[k - 1];
  const state: ZoneState = decider.severity;
  return decider.decidedBy ? { ...outcome, state, decidedBy: decider.decidedBy } : { ...outcome, state };
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/** The episode's peak after this step: a voting station's newly applied value counts while not clear. */
function episodePeak(rule: ZoneRule, held: DecidingValue | null, outcome: ZoneRuleOutcome, applied: StationVerdict | undefined): DecidingValue | null {
  const measure = rule.spec.kind === 'threshold' ? 'value' : rule.spec.kind === 'forecast' ? 'forecast-peak' : null;
  if (!measure || outcome.state === null) return held;
  const voted = applied && outcome.votes.some((v) => v.stationId === applied.stationId && v.status === 'ok');
  if (!voted || applied.measured === null) return held;
  const parameter = rule.spec.kind === 'threshold' ? rule.spec.parameter : 'sea_level';
  const observedAt = measure === 'forecast-peak' && applied.decidedBy ? applied.decidedBy.observedAt : applied.at;
  const candidate: DecidingValue = { stationId: applied.stationId, parameter, observedAt, value: applied.measured, measure };
  if (!held) return candidate;
  // Ties go to the earlier value, then the smaller station id: the same inputs in any order, the same peak.
  const better =
    candidate.value - held.value ||
    instantMs(held.observedAt) - instantMs(candidate.observedAt) ||
    compareIds(held.stationId, candidate.stationId);
  return better > 0 ? candidate : held;
}

function newestOf(stations: readonly StationVerdict[]): string | undefined {
  return stations.reduce<string | undefined>((n, s) => laterInstant(n, s.at) ?? undefined, undefined);
}

/** Plain code-unit order: locale-free, so every process sorts the same way. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
