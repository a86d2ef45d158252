// Stage two of the evaluator, for the zones of its partitions: combines the stations' verdicts (k of n),
// runs zone-level rules, and turns changed outcomes into alert signals with deterministic ids.
import { stepAlertSignal, type AlertSignal, type AlertSignalState } from '../rules/alert-signal';
import { stepCompoundRule, type CompoundRuleState } from '../rules/compound-rule';
import { compareIds, maxSilenceMsOf, stepZoneRule, type ZoneRuleState } from '../rules/zone-stage';
import { instantMs } from '../rules/rule-series';
import type { ZoneRuleOutcome } from '../rules/verdict';
import type { ZoneRule } from '../rules/rule-spec';
import type { Zone } from '../zones/zone';
import { advancePartitionProgress, lowWatermarkOf, type PartitionProgressMap } from './partition-progress';
import type { StateStore } from './state-store';
import type { ZoneInput } from './zone-input';

/** How far each of stage one's input partitions has been read, as this zone has been told. */
export interface ZoneProgress {
  partitions: PartitionProgressMap;
}

export type ZoneStageState = ZoneRuleState | CompoundRuleState | AlertSignalState | ZoneProgress | ZoneInputBuffer;

export interface IdentifiedAlertSignal extends AlertSignal {
  /** Same signal, same id: a signal re-sent after a crash is recognisably the same one. */
  signalId: string;
}

export interface ZoneStageOutput {
  outcomes: ZoneRuleOutcome[];
  signals: IdentifiedAlertSignal[];
}

export function signalId(s: AlertSignal): string {
  return `${s.fingerprint}|${s.kind}|${s.severity ?? 'clear'}|${s.at}`;
}

/** Inputs that arrived ahead of the low watermark, waiting to be applied in event-time order. */
export interface ZoneInputBuffer {
  inputs: ZoneInput[];
}

/**
 * Stage two in event time. A verdict or observation is held until every input partition has been read past
 * it (the low watermark), then applied in event-time order, silence judged at its own time: a zone's
 * outcomes do not depend on which partition Kafka happened to hand over first, so the same input gives the
 * same signals however fast it is replayed. Data older than the low watermark (late) is applied at once.
 */
export class ZoneStageEvaluator {
  constructor(private readonly states: StateStore<ZoneStageState>) {}

  /**
   * `expectedStations(rule)`: the zone's stations that report the rule's parameter; one that never did is
   * silent, so a zone whose gauges all fell silent is `unknown`, never clear.
   */
  apply(input: ZoneInput, zone: Zone, expectedStations: (rule: ZoneRule) => readonly string[]): ZoneStageOutput {
    const out: ZoneStageOutput = { outcomes: [], signals: [] };
    const before = lowWatermarkOf(this.progressOf(zone.id));
    if (input.kind !== 'progress') {
      if (before !== null && instantMs(timeOf(input)) <= instantMs(before)) this.evaluate(zone, input, before, expectedStations, out);
      else this.hold(zone.id, input);
      return out;
    }
    const after = lowWatermarkOf(this.advanceProgress(zone.id, input));
    if (after === null || after === before) return out;
    for (const held of this.release(zone.id, after)) this.evaluate(zone, held, timeOf(held), expectedStations, out);
    // Then silence at the new low watermark, for rules no released input concerned.
    this.evaluate(zone, undefined, after, expectedStations, out);
    return out;
  }

  /** Runs every rule of the zone at event time `watermark`, applying `input` to the rules it concerns. */
  private evaluate(
    zone: Zone,
    input: Exclude<ZoneInput, { kind: 'progress' }> | undefined,
    watermark: string,
    expectedStations: (rule: ZoneRule) => readonly string[],
    out: ZoneStageOutput,
  ): void {
    const maxSilenceMs = maxSilenceMsOf(zone.rules);
    for (const rule of zone.rules) {
      if (!rule.enabled || rule.spec.kind === 'stale') continue;
      const key = `rule|${zone.id}|${rule.id}`;
      let step;
      if (rule.spec.kind === 'compound') {
        const observation = input?.kind === 'observation' ? input.observation : undefined;
        step = stepCompoundRule({ zoneId: zone.id, rule, state: this.states.get(key) as CompoundRuleState | undefined, observation, watermark, maxSilenceMs });
      } else {
        const verdict = input?.kind === 'verdict' && input.verdict.ruleId === rule.id ? input.verdict : undefined;
        // Rules the input does not concern still re-judge silence as the watermark moves.
        step = stepZoneRule({
          zoneId: zone.id,
          rule,
          state: this.states.get(key) as ZoneRuleState | undefined,
          verdict,
          watermark,
          // A model run speaks for its whole horizon; it must not fall silent between runs.
          maxSilenceMs: rule.spec.kind === 'forecast' ? Math.max(maxSilenceMs, rule.spec.horizonMs) : maxSilenceMs,
          expectedStationIds: rule.spec.kind === 'forecast' ? [] : expectedStations(rule),
        });
      }
      this.states.set(key, step.state);
      if (!step.changed) continue;
      out.outcomes.push(step.outcome);
      const signalKey = `signal|${zone.id}|${rule.id}`;
      const signalled = stepAlertSignal(this.states.get(signalKey) as AlertSignalState | undefined, step.outcome);
      this.states.set(signalKey, signalled.state);
      out.signals.push(...signalled.signals.map((s) => ({ ...s, signalId: signalId(s) })));
    }
  }

  private hold(zoneId: string, input: Exclude<ZoneInput, { kind: 'progress' }>): void {
    const key = `buffer|${zoneId}`;
    const held = (this.states.get(key) as ZoneInputBuffer | undefined)?.inputs ?? [];
    this.states.set(key, { inputs: [...held, input] });
  }

  /** The held inputs at or before `upTo`, in event-time order (ties in a fixed order); the rest stay held. */
  private release(zoneId: string, upTo: string): Exclude<ZoneInput, { kind: 'progress' }>[] {
    const key = `buffer|${zoneId}`;
    const held = ((this.states.get(key) as ZoneInputBuffer | undefined)?.inputs ?? []) as Exclude<ZoneInput, { kind: 'progress' }>[];
    if (held.length === 0) return [];
    const limit = instantMs(upTo);
    const due = held.filter((i) => instantMs(timeOf(i)) <= limit).sort(compareInputs);
    if (due.length === 0) return [];
    this.states.set(key, { inputs: held.filter((i) => instantMs(timeOf(i)) > limit) });
    return due;
  }

  private progressOf(zoneId: string): PartitionProgressMap {
    return (this.states.get(`progress|${zoneId}`) as ZoneProgress | undefined)?.partitions ?? {};
  }

  private advanceProgress(zoneId: string, input: Extract<ZoneInput, { kind: 'progress' }>): PartitionProgressMap {
    const held = this.progressOf(zoneId);
    const next = advancePartitionProgress(held, input.source, { at: input.at, idle: input.idle });
    if (next !== held) this.states.set(`progress|${zoneId}`, { partitions: next });
    return next;
  }
}

function timeOf(input: Exclude<ZoneInput, { kind: 'progress' }>): string {
  return input.kind === 'verdict' ? input.verdict.at : input.observation.observedAt;
}

/** Event time, then a fixed order (kind, station, rule or parameter), so equal times apply the same way every run. */
function compareInputs(a: Exclude<ZoneInput, { kind: 'progress' }>, b: Exclude<ZoneInput, { kind: 'progress' }>): number {
  const rank = (i: typeof a) =>
    i.kind === 'verdict' ? `v|${i.verdict.stationId}|${i.verdict.ruleId}` : `o|${i.observation.stationId}|${i.observation.parameter}`;
  return instantMs(timeOf(a)) - instantMs(timeOf(b)) || compareIds(rank(a), rank(b));
}
