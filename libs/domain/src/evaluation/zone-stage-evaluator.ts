// Stage two of the evaluator, for the zones of its partitions: combines the stations' verdicts (k of n),
// runs zone-level rules (compound, stale), and turns changed outcomes into alert signals with deterministic ids.
import { stepAlertSignal, type AlertSignal, type AlertSignalState } from '../rules/alert-signal';
import { stepCompoundRule, type CompoundRuleState } from '../rules/compound-rule';
import { compareIds, laterInstant, maxSilenceMsOf, stepZoneRule, type ZoneRuleState } from '../rules/zone-stage';
import { nextStaleDeadline, stepStaleRule, type StaleRuleState } from '../rules/stale-rule';
import { instantMs } from '../rules/rule-series';
import type { ZoneRuleOutcome } from '../rules/verdict';
import type { RuleSpec, ZoneRule } from '../rules/rule-spec';
import type { Zone } from '../zones/zone';
import {
  advanceSourceProgress,
  frontierOf,
  isForecastSource,
  observationSource,
  type SourceId,
  type SourceProgressMap,
} from './source-progress';
import type { StateStore } from './state-store';
import type { ZoneInput } from './zone-input';

/** How complete each source that judges this zone is, as stage one relayed the feeds' word. */
export interface ZoneSources {
  sources: SourceProgressMap;
}

/** How far one rule has been judged: everything before `processedTo` (exclusive), the last judgement at `judgedAt`. */
export interface RuleClock {
  processedTo: string | null;
  judgedAt: string | null;
}

/** Signals decided but not yet handed on: they leave in event-time order (see ZoneStageEvaluator.release). */
export interface SignalOutbox {
  signals: IdentifiedAlertSignal[];
}

/** Inputs for one rule not yet judged: they wait until every source the rule hears is complete past them. */
export interface RuleInputBuffer {
  inputs: HeldInput[];
}

type DataInput = Exclude<ZoneInput, { kind: 'progress' }>;
/** What a stale rule needs of an input: who spoke, when. */
type HeardInput = { kind: 'heard'; zoneId: string; stationId: string; at: string };
type HeldInput = DataInput | HeardInput;

export type ZoneStageState =
  | ZoneRuleState
  | CompoundRuleState
  | StaleRuleState
  | AlertSignalState
  | ZoneSources
  | RuleClock
  | RuleInputBuffer
  | SignalOutbox;

export interface IdentifiedAlertSignal extends AlertSignal {
  /** Same signal, same id: a signal re-sent after a crash is recognisably the same one. */
  signalId: string;
  /** The kind of rule that raised it: `stale` is a silent gauge, `forecast` an early warning. */
  ruleKind?: RuleSpec['kind'];
}

export interface ZoneStageOutput {
  outcomes: ZoneRuleOutcome[];
  signals: IdentifiedAlertSignal[];
}

export function signalId(s: AlertSignal): string {
  return `${s.fingerprint}|${s.kind}|${s.severity ?? 'clear'}|${s.at}`;
}

/**
 * Stage two in event time. Every rule has its own frontier: the least complete of the sources it hears (the
 * zone's stations for observation rules, the storm-surge feed for forecast rules), as the feeds announced it.
 * An input is held until the frontier has passed it, then applied in event-time order, and silence is judged
 * at the exact instant a station's limit runs out. So the outcomes are a function of the inputs alone: not of
 * which partition or topic Kafka handed over first, of batch boundaries, or of replay speed. An input older
 * than what the rule already judged (a source that was idle, a revised verdict) is applied at once.
 */
export class ZoneStageEvaluator {
  constructor(private readonly states: StateStore<ZoneStageState>) {}

  /**
   * `expectedStations(rule)`: the zone's stations that report the rule's parameter; one that never did is
   * silent, so a zone whose gauges all fell silent is `unknown`, never clear.
   */
  apply(input: ZoneInput, zone: Zone, expectedStations: (rule: ZoneRule) => readonly string[]): ZoneStageOutput {
    const out: ZoneStageOutput = { outcomes: [], signals: [] };
    this.applyInput(input, zone, expectedStations, out);
    this.release(zone, expectedStations, out);
    return out;
  }

  private applyInput(input: ZoneInput, zone: Zone, expectedStations: (rule: ZoneRule) => readonly string[], out: ZoneStageOutput): void {
    const rules = zone.rules.filter((r) => r.enabled);
    if (input.kind === 'progress') {
      const held = this.sourcesOf(zone.id);
      const next = advanceSourceProgress(held, input.source, input);
      if (next === held) return;
      this.states.set(`sources|${zone.id}`, { sources: next });
      const forecast = isForecastSource(input.source);
      for (const rule of rules) {
        if ((rule.spec.kind === 'forecast') === forecast) this.advance(zone, rule, expectedStations, out);
      }
      return;
    }
    for (const rule of rules) {
      const held = heldFor(rule, input, zone);
      if (!held) continue;
      const buffer = this.bufferOf(zone.id, rule.id);
      if (!buffer.some((h) => sameInput(h, held))) this.states.set(bufferKey(zone.id, rule.id), { inputs: [...buffer, held] });
      const clock = this.clockOf(zone.id, rule.id);
      // Older than what was judged: it cannot wait for a frontier that has already passed it.
      if (clock.processedTo !== null && instantMs(timeOf(held)) < instantMs(clock.processedTo)) this.advance(zone, rule, expectedStations, out);
    }
  }

  /**
   * Hands on the zone's signals in event-time order: a signal leaves once every rule of the zone that can still
   * speak has been judged past it. So alert-signals.v1 (keyed by zone) carries each zone's signals in the same
   * order in every run, and what alerting builds from several rules (one incident per threat) is the same too.
   */
  private release(zone: Zone, expectedStations: (rule: ZoneRule) => readonly string[], out: ZoneStageOutput): void {
    const pending = (this.states.get(`outbox|${zone.id}`) as SignalOutbox | undefined)?.signals ?? [];
    if (pending.length === 0) return;
    const sources = this.sourcesOf(zone.id);
    let until = Number.POSITIVE_INFINITY;
    for (const rule of zone.rules) {
      if (!rule.enabled) continue;
      const heard = sourcesOfRule(rule, sources, rule.spec.kind === 'forecast' ? [] : expectedStations(rule)).filter((id) => !sources[id]?.idle);
      // A rule with nothing left to hear from holds nobody back; one waiting for a first word holds everyone.
      if (heard.length === 0) continue;
      if (heard.some((id) => !sources[id]?.at)) return;
      const processedTo = this.clockOf(zone.id, rule.id).processedTo;
      if (processedTo === null) return;
      until = Math.min(until, instantMs(processedTo));
    }
    const due = pending.filter((p) => instantMs(p.at) < until).sort(compareSignals);
    if (due.length === 0) return;
    out.signals.push(...due);
    this.states.set(`outbox|${zone.id}`, { signals: pending.filter((p) => instantMs(p.at) >= until) });
  }

  /** Judges `rule` up to its frontier: held inputs in event-time order, interleaved with silence deadlines. */
  private advance(zone: Zone, rule: ZoneRule, expectedStations: (rule: ZoneRule) => readonly string[], out: ZoneStageOutput): void {
    const sources = this.sourcesOf(zone.id);
    const expected = rule.spec.kind === 'forecast' ? [] : expectedStations(rule);
    const frontier = frontierOf(sources, sourcesOfRule(rule, sources, expected));
    if (frontier === null) return;
    const clock = this.clockOf(zone.id, rule.id);
    const limitMs = instantMs(frontier);
    const buffer = this.bufferOf(zone.id, rule.id);
    const due = buffer.filter((i) => instantMs(timeOf(i)) < limitMs).sort(compareInputs);
    if (due.length === 0 && clock.processedTo !== null && limitMs <= instantMs(clock.processedTo)) return;

    const ctx = { zone, rule, expected, sources, maxSilenceMs: maxSilenceMsOf(zone.rules) };
    let judgedAt = clock.judgedAt;
    let i = 0;
    for (;;) {
      const cursorMs = judgedAt === null ? Number.NEGATIVE_INFINITY : instantMs(judgedAt);
      const inputMs = i < due.length ? instantMs(timeOf(due[i])) : undefined;
      const deadline = this.nextDeadline(ctx, cursorMs);
      const silenceMs = deadline !== undefined && deadline < limitMs ? deadline : undefined;
      if (inputMs === undefined && silenceMs === undefined) break;
      const groupMs = silenceMs !== undefined && (inputMs === undefined || silenceMs < inputMs) ? silenceMs : inputMs!;
      const group: HeldInput[] = [];
      while (i < due.length && instantMs(timeOf(due[i])) === groupMs) group.push(due[i++]);
      // A late input is judged now (never before what was already judged), at its own time otherwise.
      const at = laterInstant(judgedAt, group.length > 0 ? timeOf(group[0]) : new Date(groupMs).toISOString())!;
      this.judge(ctx, group, at, out);
      judgedAt = at;
    }
    const processedTo = laterInstant(clock.processedTo, frontier);
    this.states.set(`clock|${zone.id}|${rule.id}`, { processedTo, judgedAt });
    if (due.length > 0) {
      const judged = new Set(due);
      this.states.set(bufferKey(zone.id, rule.id), { inputs: buffer.filter((h) => !judged.has(h)) });
    }
  }

  /** Applies one instant's inputs to the rule, then signals if the zone's state for it changed. */
  private judge(ctx: RuleContext, group: readonly HeldInput[], at: string, out: ZoneStageOutput): void {
    const { zone, rule } = ctx;
    const key = `rule|${zone.id}|${rule.id}`;
    const prior = this.states.get(key) as ZoneRuleState | CompoundRuleState | StaleRuleState | undefined;
    const before = prior?.outcome?.state;
    let state = prior;
    let outcome: ZoneRuleOutcome | undefined;
    const steps: (HeldInput | undefined)[] = group.length > 0 ? [...group] : [undefined];
    for (const input of steps) {
      if (rule.spec.kind === 'stale') {
        const heard = input?.kind === 'heard' ? { stationId: input.stationId, at: input.at } : undefined;
        const expected = ctx.expected.map((stationId) => ({ stationId, since: ctx.sources[observationSource(stationId)]?.since ?? null }));
        const step = stepStaleRule({ zoneId: zone.id, rule, state: state as StaleRuleState | undefined, heard, at, expected });
        [state, outcome] = [step.state, step.outcome];
      } else if (rule.spec.kind === 'compound') {
        const observation = input?.kind === 'observation' ? input.observation : undefined;
        const step = stepCompoundRule({ zoneId: zone.id, rule, state: state as CompoundRuleState | undefined, observation, watermark: at, maxSilenceMs: ctx.maxSilenceMs });
        [state, outcome] = [step.state, step.outcome];
      } else {
        const verdict = input?.kind === 'verdict' ? input.verdict : undefined;
        const step = stepZoneRule({
          zoneId: zone.id,
          rule,
          state: state as ZoneRuleState | undefined,
          verdict,
          watermark: at,
          maxSilenceMs: silenceLimitOf(rule, ctx.maxSilenceMs),
          expectedStationIds: ctx.expected,
        });
        [state, outcome] = [step.state, step.outcome];
      }
    }
    this.states.set(key, state!);
    if (!outcome || outcome.state === before) return;
    // Stamped with the instant judged (a revised verdict's effect, a silence deadline), never with an older one.
    outcome = { ...outcome, at };
    out.outcomes.push(outcome);
    const signalKey = `signal|${zone.id}|${rule.id}`;
    const signalled = stepAlertSignal(this.states.get(signalKey) as AlertSignalState | undefined, outcome);
    this.states.set(signalKey, signalled.state);
    if (signalled.signals.length === 0) return;
    const outbox = (this.states.get(`outbox|${zone.id}`) as SignalOutbox | undefined)?.signals ?? [];
    const ready = signalled.signals.map((s) => ({ ...s, signalId: signalId(s), ruleKind: rule.spec.kind }));
    this.states.set(`outbox|${zone.id}`, { signals: [...outbox, ...ready] });
  }

  /** The first instant after `afterMs` at which a station this rule hears falls silent. */
  private nextDeadline(ctx: RuleContext, afterMs: number): number | undefined {
    const { zone, rule } = ctx;
    const state = this.states.get(`rule|${zone.id}|${rule.id}`);
    if (rule.spec.kind === 'stale') {
      const expected = ctx.expected.map((stationId) => ({ stationId, since: ctx.sources[observationSource(stationId)]?.since ?? null }));
      return nextStaleDeadline({ zoneId: zone.id, rule, state: state as StaleRuleState | undefined, expected }, afterMs);
    }
    const limit = silenceLimitOf(rule, ctx.maxSilenceMs);
    const times =
      rule.spec.kind === 'compound'
        ? ((state as CompoundRuleState | undefined)?.series ?? []).map((s) => s.lastAt)
        : ((state as ZoneRuleState | undefined)?.stations ?? []).map((s) => s.at);
    let next: number | undefined;
    for (const t of times) {
      const d = instantMs(t) + limit + 1;
      if (d > afterMs && (next === undefined || d < next)) next = d;
    }
    return next;
  }

  /** Every source that ever announced for the zone (forecast gauges and unregistered stations included). */
  knownSources(zoneId: string): SourceId[] {
    return Object.keys(this.sourcesOf(zoneId));
  }

  private sourcesOf(zoneId: string): SourceProgressMap {
    return (this.states.get(`sources|${zoneId}`) as ZoneSources | undefined)?.sources ?? {};
  }

  private clockOf(zoneId: string, ruleId: string): RuleClock {
    return (this.states.get(`clock|${zoneId}|${ruleId}`) as RuleClock | undefined) ?? { processedTo: null, judgedAt: null };
  }

  private bufferOf(zoneId: string, ruleId: string): HeldInput[] {
    return (this.states.get(bufferKey(zoneId, ruleId)) as RuleInputBuffer | undefined)?.inputs ?? [];
  }
}

interface RuleContext {
  zone: Zone;
  rule: ZoneRule;
  expected: readonly string[];
  sources: SourceProgressMap;
  maxSilenceMs: number;
}

const bufferKey = (zoneId: string, ruleId: string) => `buffer|${zoneId}|${ruleId}`;

/** A model run speaks for its whole horizon; it must not fall silent between runs. */
function silenceLimitOf(rule: ZoneRule, maxSilenceMs: number): number {
  return rule.spec.kind === 'forecast' ? Math.max(maxSilenceMs, rule.spec.horizonMs) : maxSilenceMs;
}

/**
 * The sources a rule waits for: forecast rules the storm-surge feed's gauges, every other rule the zone's
 * stations (those the registry expects and those whose feed announced them for this zone).
 */
function sourcesOfRule(rule: ZoneRule, sources: SourceProgressMap, expected: readonly string[]): SourceId[] {
  const known = Object.keys(sources);
  if (rule.spec.kind === 'forecast') return known.filter(isForecastSource);
  return [...new Set([...known.filter((s) => !isForecastSource(s)), ...expected.map(observationSource)])];
}

/** What `rule` keeps of `input`, or undefined when the input does not concern it. */
function heldFor(rule: ZoneRule, input: DataInput, zone: Zone): HeldInput | undefined {
  if (rule.spec.kind === 'stale') {
    // A forecast is no sign of life from the gauge; a revised verdict repeats an instant already heard.
    const fromForecast =
      input.kind === 'verdict' && zone.rules.some((r) => r.id === input.verdict.ruleId && r.spec.kind === 'forecast');
    if (fromForecast || (input.kind === 'verdict' && input.verdict.revised)) return undefined;
    const stationId = input.kind === 'verdict' ? input.verdict.stationId : input.observation.stationId;
    return { kind: 'heard', zoneId: zone.id, stationId, at: timeOf(input) };
  }
  if (rule.spec.kind === 'compound') return input.kind === 'observation' ? input : undefined;
  return input.kind === 'verdict' && input.verdict.ruleId === rule.id ? input : undefined;
}

function timeOf(input: HeldInput): string {
  if (input.kind === 'verdict') return input.effectiveAt ?? input.verdict.at;
  return input.kind === 'observation' ? input.observation.observedAt : input.at;
}

/** A fixed order within an instant (kind, station, rule or parameter), so equal times apply the same way every run. */
function rankOf(i: HeldInput): string {
  if (i.kind === 'verdict') return `v|${i.verdict.stationId}|${i.verdict.ruleId}|${i.verdict.revised ? 1 : 0}`;
  if (i.kind === 'observation') return `o|${i.observation.stationId}|${i.observation.parameter}|${i.observation.createdAt}`;
  return `h|${i.stationId}`;
}

/** Event time, then rule and kind: the order alerting receives a zone's signals in. */
function compareSignals(a: IdentifiedAlertSignal, b: IdentifiedAlertSignal): number {
  return instantMs(a.at) - instantMs(b.at) || compareIds(a.signalId, b.signalId);
}

function compareInputs(a: HeldInput, b: HeldInput): number {
  return instantMs(timeOf(a)) - instantMs(timeOf(b)) || compareIds(rankOf(a), rankOf(b));
}

/** A re-delivered input (same instant, same station, same content) is held once. */
function sameInput(a: HeldInput, b: HeldInput): boolean {
  if (a.kind !== b.kind || timeOf(a) !== timeOf(b)) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
