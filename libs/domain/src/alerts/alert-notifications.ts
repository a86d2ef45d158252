// Owns what one alert transition sends: an alert event per change (for other systems, over Kafka) and, when
// the transition notifies, one message per matching route — each with an id stable across retries and
// re-processing, so a receiver only ever sees duplicates under the same id.
import { capInfoContent } from '../cap/cap-alert';
import type { CapAlertInput } from '../cap/cap-input';
import type { DecidingValue } from '../rules/verdict';
import type { Alert, AlertChange } from './alert';
import type { AlertCoverage } from './alert-coverage';
import { routeMatches, type NotificationRoute } from './notification-route';
import { operationalAlertText } from './operational-alert';

export type OutboxChannel = 'webhook' | 'email' | 'kafka';

export interface AlertMessageText {
  title: string;
  body: string;
}

/** What every channel carries (the webhook body's `data`, the alert event on Kafka). Plain JSON. */
export interface AlertEvent {
  /** The notification id: the webhook-id, the email's Message-ID, the Kafka event id. */
  id: string;
  /** `alert.opened`, `alert.severity-raised`, `alert.resolved`, `alert.escalated`, ... */
  type: string;
  occurredAt: string;
  alert: Pick<
    Alert,
    'id' | 'fingerprint' | 'zoneId' | 'hazard' | 'ruleId' | 'episode' | 'state' | 'severity' | 'peakSeverity' | 'openedAt' | 'escalationLevel' | 'operational'
  > & { acknowledgedAt: string | null; resolvedAt: string | null; silencedBy: string | null };
  change: AlertChange;
  coverage: AlertCoverage;
  decidedBy: DecidingValue | null;
  /** Danish and English, for people: absent on alert events nobody is paged for. */
  message?: { da: AlertMessageText; en: AlertMessageText };
  /** The CAP message this change was published as, if it was. */
  cap?: { identifier: string; msgType: string; href: string };
}

export interface OutboxNotification {
  id: string;
  channel: OutboxChannel;
  routeId: string | null;
  alertId: string;
  changeIndex: number;
  eventType: string;
  payload: AlertEvent;
}

export interface TransitionNotificationsInput {
  /** The alert after the transition. */
  alert: Alert;
  /** The transition's changes, the last `changes.length` entries of `alert.history`. */
  changes: readonly AlertChange[];
  notify: boolean;
  routes: readonly NotificationRoute[];
  coverage: AlertCoverage;
  decidedBy?: DecidingValue;
  /** The alert as a CAP message input (current state), for the people-readable texts; absent for operational alerts. */
  capInput?: CapAlertInput;
  cap?: AlertEvent['cap'];
  /** Texts that replace the CAP texts (a gauge-silent alert is about instruments, not a hazard). */
  message?: (change: AlertChange) => { da: AlertMessageText; en: AlertMessageText };
}

/** Changes that page people when the transition notifies; the first of them names the message. */
const PAGING: ReadonlySet<AlertChange['kind']> = new Set([
  'opened',
  'reopened',
  'severity-raised',
  'severity-lowered',
  'resolved',
  'escalated',
]);

export const ALERT_EVENTS_TARGET = 'alert-events';

export function transitionNotifications(input: TransitionNotificationsInput): OutboxNotification[] {
  const { alert, changes } = input;
  const first = alert.history.length - changes.length;
  const out: OutboxNotification[] = [];
  const event = (id: string, change: AlertChange, withMessage: boolean): AlertEvent => {
    const e: AlertEvent = {
      id,
      type: `alert.${change.kind}`,
      occurredAt: change.at,
      alert: {
        id: alert.id,
        fingerprint: alert.fingerprint,
        zoneId: alert.zoneId,
        hazard: alert.hazard,
        ruleId: alert.ruleId,
        episode: alert.episode,
        state: alert.state,
        severity: alert.severity,
        peakSeverity: alert.peakSeverity,
        openedAt: alert.openedAt,
        escalationLevel: alert.escalationLevel,
        acknowledgedAt: alert.acknowledgedAt ?? null,
        resolvedAt: alert.resolvedAt ?? null,
        silencedBy: alert.silencedBy ?? null,
        ...(alert.operational ? { operational: alert.operational } : {}),
      },
      change,
      coverage: input.coverage,
      decidedBy: input.decidedBy ?? null,
    };
    const text = alert.operational
      ? operationalAlertText(alert.operational, change)
      : input.message
        ? input.message(change)
        : input.capInput
          ? messageText(input.capInput, change)
          : undefined;
    if (withMessage && text) e.message = text;
    if (input.cap && PAGING.has(change.kind)) e.cap = input.cap;
    return e;
  };

  // alert-events.v1 carries zone alerts (its contract requires zone and hazard); operational ones page people only.
  if (!alert.operational) {
    changes.forEach((change, i) => {
      const id = notificationId(alert.id, first + i, ALERT_EVENTS_TARGET);
      out.push({ id, channel: 'kafka', routeId: null, alertId: alert.id, changeIndex: first + i, eventType: `alert.${change.kind}`, payload: event(id, change, PAGING.has(change.kind)) });
    });
  }

  if (!input.notify) return out;
  const pagingIndex = changes.findIndex((c) => PAGING.has(c.kind));
  if (pagingIndex < 0) return out;
  const change = changes[pagingIndex];
  // Whoever was told of the alert hears it was lowered or is over, even below their route's minimum severity.
  const judged = change.kind === 'severity-lowered' || change.kind === 'resolved' ? { ...alert, severity: alert.peakSeverity } : alert;
  for (const route of input.routes) {
    if (!routeMatches(route, judged)) continue;
    const id = notificationId(alert.id, first + pagingIndex, route.id);
    out.push({
      id,
      channel: route.channel,
      routeId: route.id,
      alertId: alert.id,
      changeIndex: first + pagingIndex,
      eventType: `alert.${change.kind}`,
      payload: event(id, change, true),
    });
  }
  return out;
}

/** Stable: the same change of the same alert to the same recipient always has the same id. */
export function notificationId(alertId: string, changeIndex: number, target: string): string {
  return `${alertId}/${changeIndex}/${target}`;
}

function messageText(capInput: CapAlertInput, change: AlertChange): { da: AlertMessageText; en: AlertMessageText } {
  const text = (lang: 'da' | 'en'): AlertMessageText => {
    const info = capInfoContent(capInput, lang);
    const escalated = change.kind === 'escalated' ? (lang === 'da' ? 'Eskaleret – ikke kvitteret: ' : 'Escalated – not acknowledged: ') : '';
    return { title: `${escalated}${info.headline}`, body: [info.description, info.instruction].filter(Boolean).join('\n\n') };
  };
  return { da: text('da'), en: text('en') };
}
