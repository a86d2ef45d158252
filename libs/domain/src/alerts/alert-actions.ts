// Owns what operators do to an alert: acknowledge it, resolve it by hand, comment on it.
import { SIGNAL_ACTOR, SYSTEM_ACTOR, timeMs, withChanges, type Alert, type AlertChange } from './alert';

export type AlertActionErrorCode =
  | 'not-firing'
  | 'already-resolved'
  | 'invalid-actor'
  | 'missing-reason'
  | 'empty-comment'
  | 'invalid-time'
  | 'fingerprint-mismatch';

/** An action the alert's state or the request does not allow; `code` is what an API maps to a 409/422. */
export class AlertActionError extends Error {
  constructor(
    readonly code: AlertActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AlertActionError';
  }
}

export interface OperatorAction {
  /** The operator; never the reserved 'evaluator' or 'signal'. */
  by: string;
  at: string;
  reason?: string;
}

export interface OperatorResult {
  alert: Alert;
  changes: AlertChange[];
}

/** Firing → acknowledged: someone is on it, so escalation stops. Only a firing alert can be acknowledged. */
export function acknowledge(alert: Alert, action: OperatorAction): OperatorResult {
  checkAction(alert, action);
  if (alert.state === 'resolved')
    throw new AlertActionError('already-resolved', `alert ${alert.id} is resolved`);
  if (alert.state !== 'firing')
    throw new AlertActionError('not-firing', `alert ${alert.id} is ${alert.state}, not firing`);
  const change: AlertChange = {
    at: action.at,
    kind: 'acknowledged',
    by: action.by,
    severity: alert.severity,
  };
  if (action.reason?.trim()) change.reason = action.reason;
  const next: Alert = {
    ...alert,
    state: 'acknowledged',
    acknowledgedAt: action.at,
    acknowledgedBy: action.by,
  };
  return { alert: withChanges(next, [change]), changes: [change] };
}

/** Firing or acknowledged → resolved by an operator, who must say why (the evaluator still sees the hazard). */
export function resolveManually(alert: Alert, action: OperatorAction & { reason: string }): OperatorResult {
  checkAction(alert, action);
  if (alert.state === 'resolved')
    throw new AlertActionError('already-resolved', `alert ${alert.id} is already resolved`);
  if (!action.reason?.trim())
    throw new AlertActionError('missing-reason', 'a manual resolution needs a reason');
  const change: AlertChange = {
    at: action.at,
    kind: 'resolved',
    by: action.by,
    reason: action.reason,
    previousSeverity: alert.severity,
  };
  const next: Alert = { ...alert, state: 'resolved', resolvedAt: action.at, resolvedBy: action.by };
  return { alert: withChanges(next, [change]), changes: [change] };
}

/** A note in the audit trail, in any state (resolved alerts get post-event notes too). */
export function comment(alert: Alert, action: { by: string; at: string; text: string }): OperatorResult {
  checkAction(alert, action);
  if (!action.text?.trim()) throw new AlertActionError('empty-comment', 'a comment needs text');
  const change: AlertChange = { at: action.at, kind: 'commented', by: action.by, reason: action.text };
  return { alert: withChanges(alert, [change]), changes: [change] };
}

function checkAction(alert: Alert, action: { by: string; at: string }): void {
  const by = action.by?.trim();
  if (!by || by === SYSTEM_ACTOR || by === SIGNAL_ACTOR) {
    throw new AlertActionError('invalid-actor', `'${action.by}' cannot act as an operator`);
  }
  const t = timeMs(action.at);
  if (Number.isNaN(t) || t < timeMs(alert.openedAt)) {
    throw new AlertActionError(
      'invalid-time',
      `'${action.at}' is not an instant at or after the alert opened (${alert.openedAt})`,
    );
  }
}
