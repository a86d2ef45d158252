// Owns reading an alert's audit trail back in time: the severity it held at a given event time.
import type { Alert, AlertChangeKind } from '../alerts/alert';
import type { Severity } from '../zones/hazard';

/**
 * Changes that set the severity (the lifecycle writes the new one on each). `acknowledged` and `degraded`
 * carry a severity too, but only as a note of what held then: they change nothing.
 */
const SETS_SEVERITY: ReadonlySet<AlertChangeKind> = new Set([
  'opened',
  'reopened',
  'severity-raised',
  'severity-lowered',
]);

/**
 * The alert's severity at event time `at`: null before `openedAt` and while resolved. A change at exactly
 * `at` applies. The history is replayed in the order it was written, skipping changes later than `at`:
 * operator actions carry wall-clock time while signals carry event time, so the trail is not always in time
 * order, and its written order is the one the lifecycle acted in.
 */
export function severityAt(alert: Alert, at: string): Severity | null {
  const atMs = Date.parse(at);
  if (!Number.isFinite(atMs)) throw new RangeError(`"${at}" is not an instant`);
  if (atMs < Date.parse(alert.openedAt)) return null;
  let severity: Severity | null = null;
  for (const change of alert.history) {
    if (Date.parse(change.at) > atMs) continue;
    if (change.kind === 'resolved') severity = null;
    else if (SETS_SEVERITY.has(change.kind) && change.severity) severity = change.severity;
  }
  return severity;
}
