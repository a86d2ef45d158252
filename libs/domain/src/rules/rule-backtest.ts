// Owns the backtest: a rule replayed over a zone's stored history through the real engine, reported, never signalled.
import { newestRevisionPerKey, type Observation } from '../observations/observation';
import { severityRank, type Severity } from '../zones/hazard';
import { stepAlertSignal, type AlertSignal, type AlertSignalState } from './alert-signal';
import { stepCompoundRule, type CompoundRuleState } from './compound-rule';
import { levelsOf, lowestEnter, RuleConfigError } from './levels';
import type { LevelSet, ZoneRule } from './rule-spec';
import { HOUR_MS, instantMs, isUsableQuality } from './rule-series';
import { stepStationRule, type StationRuleState } from './station-stage';
import type { ZoneRuleOutcome } from './verdict';
import { compareIds, stepZoneRule, type ZoneRuleState } from './zone-stage';

/** A re-firing this soon after a resolve counts as a flap: the levels' hysteresis is probably too narrow. */
export const FLAP_WINDOW_MS = HOUR_MS;

export interface BacktestInput {
  zoneId: string;
  rule: ZoneRule;
  levelSets: readonly LevelSet[];
  /** The zone's stored history, any order, revisions included (the newest `createdAt` per key is used). */
  observations: readonly Observation[];
  cadenceMs?: number;
  maxSilenceMs?: number;
  expectedStationIds?: readonly string[];
}

export interface BacktestEpisode {
  /** Event time of the first firing. */
  start: string;
  /** Event time of the resolve; null when the history ends while it still fires. */
  end: string | null;
  peakSeverity: Severity;
  /** Highest value the rule measured during the episode (level, window sum or rise per hour). */
  peakValue: number;
  peakAt: string;
  /** Warning the rule gave: from first firing to the observed peak. */
  leadTimeMs: number;
}

export interface BacktestReport {
  /** Firing signals: first firings and every change of severity while firing (each one a notification). */
  firings: number;
  totalFiringMs: number;
  /** Episodes that began within FLAP_WINDOW_MS of the previous one's resolve. */
  flaps: number;
  episodes: BacktestEpisode[];
  /** Runs at or above the lowest level's enter that no episode overlaps (a minimum duration, a quorum). */
  missedEvents: { peakAt: string; peakValue: number; stationId: string }[];
}

interface Metric {
  stationId: string;
  atMs: number;
  at: string;
  value: number;
}

/**
 * Replays the history through the same station and zone stages and signal step the evaluator uses,
 * one observation at a time in event-time order, each observation's time being the watermark. The
 * rule's `enabled` flag is ignored: trying a rule before switching it on is the point. Supports
 * threshold, rate-of-rise, accumulation and compound rules (RuleConfigError otherwise).
 */
export function backtestRule(input: BacktestInput): BacktestReport {
  const { zoneId, rule, levelSets } = input;
  const spec = rule.spec;
  if (spec.kind === 'forecast' || spec.kind === 'stale') {
    throw new RuleConfigError(`a ${spec.kind} rule cannot be backtested against observations`);
  }
  const threshold =
    spec.kind === 'rate-of-rise'
      ? spec.risePerHour
      : spec.kind === 'compound'
        ? spec.seaLevelEnterM
        : lowestEnter(levelsOf(levelSets, spec.levelSetId));
  const ordered = newestRevisionPerKey([...input.observations]).sort(
    (a, b) =>
      instantMs(a.observedAt) - instantMs(b.observedAt) ||
      compareIds(a.stationId, b.stationId) ||
      compareIds(a.parameter, b.parameter),
  );

  const metrics: Metric[] = [];
  const signals: AlertSignal[] = [];
  let alert: AlertSignalState | undefined;
  const take = (outcome: ZoneRuleOutcome) => {
    const r = stepAlertSignal(alert, outcome);
    alert = r.state;
    signals.push(...r.signals);
  };
  const common = { zoneId, rule, maxSilenceMs: input.maxSilenceMs };
  const stations = new Map<string, StationRuleState>();
  let zone: ZoneRuleState | undefined;
  let compound: CompoundRuleState | undefined;
  for (const o of ordered) {
    const metric = (value: number) =>
      metrics.push({ stationId: o.stationId, at: o.observedAt, atMs: instantMs(o.observedAt), value });
    if (spec.kind === 'compound') {
      const r = stepCompoundRule({ ...common, state: compound, observation: o, watermark: o.observedAt });
      compound = r.state;
      if (o.parameter === 'sea_level' && isUsableQuality(o.quality)) metric(o.value);
      take(r.outcome);
      continue;
    }
    const s = stepStationRule({
      zoneId,
      rule,
      levelSets,
      state: stations.get(o.stationId),
      observation: o,
      cadenceMs: input.cadenceMs,
    });
    if (s.state) stations.set(o.stationId, s.state);
    if (s.applied && s.verdict?.measured != null) metric(s.verdict.measured);
    // Every observation advances the watermark, so a gauge that stops reporting turns silent here too.
    const z = stepZoneRule({
      ...common,
      state: zone,
      verdict: s.applied ? s.verdict : undefined,
      watermark: o.observedAt,
      expectedStationIds: input.expectedStationIds,
    });
    zone = z.state;
    take(z.outcome);
  }
  const lastMs = ordered.length > 0 ? instantMs(ordered[ordered.length - 1].observedAt) : 0;
  return report(signals, metrics, threshold, lastMs);
}

function report(
  signals: readonly AlertSignal[],
  metrics: readonly Metric[],
  threshold: number,
  lastMs: number,
): BacktestReport {
  const spans: {
    start: string;
    end: string | null;
    peakSeverity: Severity;
    firstValue: Metric | undefined;
  }[] = [];
  let open: (typeof spans)[number] | undefined;
  for (const s of signals) {
    if (s.kind === 'firing' && s.severity) {
      if (!open) {
        const d = s.decidedBy;
        const firstValue = d && {
          stationId: d.stationId,
          at: d.observedAt,
          atMs: instantMs(d.observedAt),
          value: d.value,
        };
        spans.push((open = { start: s.at, end: null, peakSeverity: s.severity, firstValue }));
      } else if (severityRank(s.severity) > severityRank(open.peakSeverity)) open.peakSeverity = s.severity;
    } else if (s.kind === 'resolved' && open) {
      open.end = s.at;
      open = undefined;
    }
  }
  const episodes: BacktestEpisode[] = spans.map(({ start, end, peakSeverity, firstValue }) => {
    const startMs = instantMs(start);
    const endMs = end ? instantMs(end) : lastMs;
    // The deciding value stands in when nothing measured falls inside (a compound fired by a wind reading).
    const peak = highest(metrics.filter((m) => m.atMs >= startMs && m.atMs <= endMs)) ?? firstValue;
    const peakAt = peak ? peak.at : start;
    return {
      start,
      end,
      peakSeverity,
      peakValue: peak ? peak.value : 0,
      peakAt,
      leadTimeMs: instantMs(peakAt) - startMs,
    };
  });
  let flaps = 0;
  for (let i = 1; i < episodes.length; i++) {
    const previousEnd = episodes[i - 1].end;
    if (previousEnd && instantMs(episodes[i].start) - instantMs(previousEnd) <= FLAP_WINDOW_MS) flaps++;
  }
  const totalFiringMs = episodes.reduce(
    (sum, e) => sum + (e.end ? instantMs(e.end) : lastMs) - instantMs(e.start),
    0,
  );
  const overlapsEpisode = (fromMs: number, toMs: number) =>
    episodes.some((e) => instantMs(e.start) <= toMs && fromMs <= (e.end ? instantMs(e.end) : Infinity));
  const missedEvents = excursions(metrics, threshold)
    .filter((x) => !overlapsEpisode(x.fromMs, x.toMs))
    .map((x) => ({ peakAt: x.peak.at, peakValue: x.peak.value, stationId: x.peak.stationId }));
  return {
    firings: signals.filter((s) => s.kind === 'firing').length,
    totalFiringMs,
    flaps,
    episodes,
    missedEvents,
  };
}

/** The highest metric, the earliest of equal ones. */
function highest(ms: readonly Metric[]): Metric | undefined {
  return ms.reduce<Metric | undefined>((best, m) => (!best || m.value > best.value ? m : best), undefined);
}

/** Runs of a station's values at or above `threshold`, merged across stations where they overlap. */
function excursions(
  metrics: readonly Metric[],
  threshold: number,
): { fromMs: number; toMs: number; peak: Metric }[] {
  const runs: { fromMs: number; toMs: number; peak: Metric }[] = [];
  const open = new Map<string, (typeof runs)[number]>();
  for (const m of metrics) {
    const run = open.get(m.stationId);
    if (m.value < threshold) {
      open.delete(m.stationId);
    } else if (run) {
      run.toMs = m.atMs;
      if (m.value > run.peak.value) run.peak = m;
    } else {
      const fresh = { fromMs: m.atMs, toMs: m.atMs, peak: m };
      runs.push(fresh);
      open.set(m.stationId, fresh);
    }
  }
  runs.sort((a, b) => a.fromMs - b.fromMs || compareIds(a.peak.stationId, b.peak.stationId));
  const merged: typeof runs = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r.fromMs <= last.toMs) {
      last.toMs = Math.max(last.toMs, r.toMs);
      if (r.peak.value > last.peak.value) last.peak = r.peak;
    } else merged.push({ ...r });
  }
  return merged;
}
