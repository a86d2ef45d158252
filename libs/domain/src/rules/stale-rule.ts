// Owns the stale rule in stage two: a zone's gauge or sensor silent past the rule's limit is an alert of its own
// ("måler tavs" / "gauge silent"), judged in event time, resolved when the station speaks again.
import type { ZoneRule } from './rule-spec';
import { instantMs } from './rule-series';
import type { Vote, ZoneRuleOutcome, ZoneState } from './verdict';
import { compareIds } from './zone-stage';

/** Plain JSON. `heard`: the newest event time each station said anything (any parameter, any rule). */
export interface StaleRuleState {
  v: 1;
  kind: 'stale';
  zoneId: string;
  ruleId: string;
  heard: Record<string, string>;
  outcome: ZoneRuleOutcome | null;
}

export interface StaleStepInput {
  zoneId: string;
  rule: ZoneRule;
  state: StaleRuleState | undefined;
  /** A station was heard at this event time. */
  heard?: { stationId: string; at: string };
  /** Event time of the judgement. */
  at: string;
  /** The zone's stations, each with the instant its feed first vouched for it (silence counts from there). */
  expected: readonly { stationId: string; since: string | null }[];
}

/** Silence is the one thing a stale alert says: it is raised at the lowest severity, whatever the hazard. */
export const STALE_SEVERITY = 'yellow' as const;

export function staleLimitMs(rule: ZoneRule): number {
  if (rule.spec.kind !== 'stale') throw new Error(`rule ${rule.id} is ${rule.spec.kind}, not stale`);
  return rule.spec.maxSilenceMs;
}

/** When the next station falls silent (exclusive limit + 1 ms), after `afterMs`; undefined when none will. */
export function nextStaleDeadline(input: Omit<StaleStepInput, 'heard' | 'at'>, afterMs: number): number | undefined {
  const limit = staleLimitMs(input.rule);
  let next: number | undefined;
  for (const { stationId, since } of input.expected) {
    const last = input.state?.heard[stationId] ?? since;
    if (!last) continue;
    const d = instantMs(last) + limit + 1;
    if (d > afterMs && (next === undefined || d < next)) next = d;
  }
  return next;
}

/**
 * Re-judges which of the zone's stations are silent at `at`: longer than the limit since they were last heard,
 * or, never heard, since their feed first vouched for them. Any silent station raises the alert; all speaking
 * resolves it. A station the zone no longer lists is forgotten.
 */
export function stepStaleRule(input: StaleStepInput): { state: StaleRuleState; outcome: ZoneRuleOutcome; changed: boolean } {
  const { zoneId, rule } = input;
  const limit = staleLimitMs(rule);
  const prior: StaleRuleState =
    input.state && input.state.ruleId === rule.id && input.state.zoneId === zoneId
      ? input.state
      : { v: 1, kind: 'stale', zoneId, ruleId: rule.id, heard: {}, outcome: null };
  const heard = { ...prior.heard };
  if (input.heard) {
    const held = heard[input.heard.stationId];
    if (!held || instantMs(input.heard.at) > instantMs(held)) heard[input.heard.stationId] = input.heard.at;
  }
  const nowMs = instantMs(input.at);
  const votes: Vote[] = input.expected
    .map(({ stationId, since }) => {
      const last = heard[stationId] ?? since;
      const silent = last !== null && nowMs - instantMs(last) > limit;
      return { stationId, severity: silent ? STALE_SEVERITY : null, status: silent ? 'silent' : 'ok' } as Vote;
    })
    .sort((a, b) => compareIds(a.stationId, b.stationId));
  const state: ZoneState = votes.some((v) => v.status === 'silent') ? STALE_SEVERITY : null;
  const outcome: ZoneRuleOutcome = { zoneId, ruleId: rule.id, hazard: rule.hazard, state, votes, at: input.at };
  const changed = prior.outcome?.state !== state;
  const expectedIds = new Set(input.expected.map((e) => e.stationId));
  const kept = Object.fromEntries(Object.entries(heard).filter(([id]) => expectedIds.has(id)));
  return { state: { ...prior, heard: kept, outcome }, outcome, changed };
}
