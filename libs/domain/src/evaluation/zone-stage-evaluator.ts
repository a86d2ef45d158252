// Stage two of the evaluator, for the zones of its partitions: combines the stations' verdicts (k of n),
// runs zone-level rules, and turns changed outcomes into alert signals with deterministic ids.
import { stepAlertSignal, type AlertSignal, type AlertSignalState } from '../rules/alert-signal';
import { stepCompoundRule, type CompoundRuleState } from '../rules/compound-rule';
import { maxSilenceMsOf, stepZoneRule, type ZoneRuleState } from '../rules/zone-stage';
import type { ZoneRuleOutcome } from '../rules/verdict';
import type { ZoneRule } from '../rules/rule-spec';
import type { Zone } from '../zones/zone';
import type { StateStore } from './state-store';
import type { ZoneInput } from './zone-input';

/** The latest event time a zone has seen: silence is measured against it, never against the clock. */
export interface ZoneWatermark {
  watermarkAt: string;
}

export type ZoneStageState = ZoneRuleState | CompoundRuleState | AlertSignalState | ZoneWatermark;

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

export class ZoneStageEvaluator {
  constructor(private readonly states: StateStore<ZoneStageState>) {}

  /**
   * `expectedStations(rule)`: the zone's stations that report the rule's parameter; one that never did is
   * silent, so a zone whose gauges all fell silent is `unknown`, never clear.
   */
  apply(input: ZoneInput, zone: Zone, expectedStations: (rule: ZoneRule) => readonly string[]): ZoneStageOutput {
    const out: ZoneStageOutput = { outcomes: [], signals: [] };
    const at = input.kind === 'verdict' ? input.verdict.at : input.observation.observedAt;
    const watermark = this.advanceWatermark(zone.id, at);
    const maxSilenceMs = maxSilenceMsOf(zone.rules);
    for (const rule of zone.rules) {
      if (!rule.enabled || rule.spec.kind === 'stale') continue;
      const key = `rule|${zone.id}|${rule.id}`;
      let step;
      if (rule.spec.kind === 'compound') {
        const observation = input.kind === 'observation' ? input.observation : undefined;
        step = stepCompoundRule({ zoneId: zone.id, rule, state: this.states.get(key) as CompoundRuleState | undefined, observation, watermark, maxSilenceMs });
      } else {
        const verdict = input.kind === 'verdict' && input.verdict.ruleId === rule.id ? input.verdict : undefined;
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
    return out;
  }

  private advanceWatermark(zoneId: string, at: string): string {
    const key = `watermark|${zoneId}`;
    const held = this.states.get(key) as ZoneWatermark | undefined;
    const next = !held || Date.parse(at) > Date.parse(held.watermarkAt) ? at : held.watermarkAt;
    this.states.set(key, { watermarkAt: next });
    return next;
  }
}
