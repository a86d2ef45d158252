// Owns escalation: a firing alert nobody acknowledges climbs a level every escalateAfterMs of its severity.
import {
  SYSTEM_ACTOR,
  timeMs,
  withChanges,
  type Alert,
  type AlertChange,
  type AlertPolicy,
  type AlertTransition,
} from './alert';
import { refreshSilence, type Silence } from './silence';

/** Changes that (re)start the escalation clock: a page went out that nobody has answered yet. */
export const CLOCK_STARTS: ReadonlySet<AlertChange['kind']> = new Set([
  'opened',
  'reopened',
  'escalated',
  'severity-raised',
]);

/**
 * When the escalation clock last started: the newest opening, reopening, escalation or severity raise
 * (a raise pages anew, and a raise is also what returns an acknowledged alert to firing).
 */
export function escalationClockStart(alert: Alert): string {
  for (let i = alert.history.length - 1; i >= 0; i--) {
    if (CLOCK_STARTS.has(alert.history[i].kind)) return alert.history[i].at;
  }
  return alert.openedAt;
}

/**
 * When `alert` escalates next if nothing else happens, or undefined when it cannot (acknowledged,
 * resolved or silenced). The alerting app schedules its escalation check at this instant.
 */
export function nextEscalationAt(alert: Alert, policy: AlertPolicy): string | undefined {
  if (alert.state !== 'firing' || alert.silencedBy !== undefined) return undefined;
  return new Date(timeMs(escalationClockStart(alert)) + policy.escalateAfterMs[alert.severity]).toISOString();
}

/**
 * When the alerting app must look at `alert` again for escalation: when it is due, or — while a silence holds
 * it — when that silence ends, so escalation resumes by itself afterwards. Undefined: never (acknowledged,
 * resolved).
 */
export function nextEscalationCheckAt(alert: Alert, policy: AlertPolicy, silences: readonly Silence[]): string | undefined {
  if (alert.state !== 'firing') return undefined;
  if (alert.silencedBy === undefined) return nextEscalationAt(alert, policy);
  const silence = silences.find((s) => s.id === alert.silencedBy);
  // A silence that is gone from the list has ended: look again at once.
  return silence ? silence.endsAt : alert.updatedAt;
}

/**
 * The check time to store after a transition committed at wall-clock `now`. Signal changes carry event time,
 * which trails the clock by the feed's delay (hours for a forecast or a replay), so the escalation period runs
 * from when the alert (re)started paging (`restarted`), and otherwise keeps the time stored before
 * (`previous`); never earlier than nextEscalationCheckAt. Silenced: the silence's end. Undefined: never.
 */
export function escalationCheckAfter(input: {
  alert: Alert;
  policy: AlertPolicy;
  silences: readonly Silence[];
  now: string;
  /** The transition started the escalation clock (opened, reopened, raised, escalated). */
  restarted: boolean;
  /** The check time stored for the same episode before, if any. */
  previous: string | null;
}): string | undefined {
  const due = nextEscalationCheckAt(input.alert, input.policy, input.silences);
  if (!due || input.alert.silencedBy !== undefined) return due;
  const floor = input.restarted
    ? new Date(timeMs(input.now) + input.policy.escalateAfterMs[input.alert.severity]).toISOString()
    : (input.previous ?? due);
  return timeMs(floor) > timeMs(due) ? floor : due;
}

/**
 * Escalates a firing, unacknowledged, unsilenced alert by one level when it has gone
 * `policy.escalateAfterMs[severity]` (exactly that long counts) since the clock last started; at most one
 * level per call, and the escalation restarts the clock. With `silences`, the alert's silence is brought up
 * to date at `at` first, so an expired silence lets escalation resume and a new one holds it.
 */
export function escalate(
  alert: Alert,
  policy: AlertPolicy,
  at: string,
  silences?: readonly Silence[],
): AlertTransition {
  let current = alert;
  let changes: AlertChange[] = [];
  if (silences && alert.state !== 'resolved') {
    const refreshed = refreshSilence(alert, silences, at);
    current = refreshed.alert;
    changes = refreshed.changes;
  }
  const dueAt = nextEscalationAt(current, policy);
  if (dueAt === undefined || timeMs(at) < timeMs(dueAt)) return { alert: current, changes, notify: false };
  const level = current.escalationLevel + 1;
  const minutes = Math.round((timeMs(at) - timeMs(escalationClockStart(current))) / 60_000);
  const change: AlertChange = {
    at,
    kind: 'escalated',
    by: SYSTEM_ACTOR,
    severity: current.severity,
    reason: `unacknowledged for ${minutes} min at ${current.severity}: level ${level}`,
  };
  const next = withChanges({ ...current, escalationLevel: level }, [change]);
  return { alert: next, changes: [...changes, change], notify: true };
}
