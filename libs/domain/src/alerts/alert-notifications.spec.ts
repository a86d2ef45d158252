import type { CapAlertInput } from '../cap/cap-input';
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { AlertSignal } from '../rules/alert-signal';
import type { Severity } from '../zones/hazard';
import { DEFAULT_ALERT_POLICY, type Alert } from './alert';
import type { AlertCoverage } from './alert-coverage';
import { applySignal } from './alert-lifecycle';
import { notificationId, transitionNotifications } from './alert-notifications';
import type { NotificationRoute } from './notification-route';

const at = (minute: number) => new Date(Date.UTC(2023, 9, 20, 20, minute)).toISOString();
const signal = (minute: number, kind: AlertSignal['kind'], severity: Severity | null, previousSeverity: Severity | null): IdentifiedAlertSignal => {
  const s: AlertSignal = { kind, fingerprint: 'assens-havn:coastal-flooding:vandstand', zoneId: 'assens-havn', hazard: 'coastal-flooding', ruleId: 'vandstand', severity, previousSeverity, capSeverity: null, votes: [], at: at(minute) };
  return { ...s, signalId: signalId(s) };
};
const coverage: AlertCoverage = { covering: [], uncovered: true, peak: null, overtopped: false };
const capInput = (alert: Alert): CapAlertInput => ({
  alertId: 'a',
  sequence: 1,
  sender: 'klimavagt@assens.dk',
  sentAt: at(0),
  msgType: alert.state === 'resolved' ? 'Cancel' : 'Alert',
  zone: { id: 'assens-havn', name: 'Assens Havn', geometry: { type: 'Polygon', coordinates: [[[9.89, 55.27], [9.9, 55.27], [9.9, 55.28], [9.89, 55.27]]] } },
  hazard: 'coastal-flooding',
  severity: alert.severity,
  onset: alert.openedAt,
  expires: at(59),
});
const route = (id: string, minSeverity?: Severity): NotificationRoute => ({ id, name: id, channel: 'webhook', target: 'https://example.org/hook', matchers: minSeverity ? { minSeverity } : {}, enabled: true });

/** The storm's path through one alert; per transition, the routes paged and the alert events. */
function run(routes: NotificationRoute[]) {
  let alert: Alert | undefined;
  const steps: [number, AlertSignal['kind'], Severity | null, Severity | null][] = [
    [0, 'firing', 'yellow', null],
    [10, 'firing', 'orange', 'yellow'],
    [20, 'firing', 'red', 'orange'],
    [30, 'firing', 'yellow', 'red'],
    [40, 'resolved', null, 'yellow'],
  ];
  return steps.map(([m, kind, severity, previous]) => {
    const t = applySignal(alert, signal(m, kind, severity, previous), DEFAULT_ALERT_POLICY);
    alert = t.alert!;
    return transitionNotifications({ alert, changes: t.changes, notify: t.notify, routes, coverage, capInput: capInput(alert) });
  });
}

describe('transitionNotifications', () => {
  it('pages a route with a minimum severity from the first change that reaches it, and tells it of the lowering and the end', () => {
    const paged = run([route('vagt-orange', 'orange')]).map((n) => n.filter((x) => x.channel === 'webhook').map((x) => x.eventType));
    expect(paged).toEqual([[], ['alert.severity-raised'], ['alert.severity-raised'], ['alert.severity-lowered'], ['alert.resolved']]);
  });

  it('publishes one alert event per change, and gives every notification an id stable per change and recipient', () => {
    const [opened] = run([route('alle')]);
    expect(opened.map((n) => [n.channel, n.id])).toEqual([
      ['kafka', notificationId('assens-havn:coastal-flooding:vandstand#1', 0, 'alert-events')],
      ['webhook', notificationId('assens-havn:coastal-flooding:vandstand#1', 0, 'alle')],
    ]);
    expect(opened[1].payload.message?.da.title).toContain('Assens Havn');
    expect(opened[1].payload.message?.en.title).toContain('Assens Havn');
  });

  it('pages nobody for a route that is disabled', () => {
    const paged = run([{ ...route('slukket'), enabled: false }]).flat().filter((n) => n.channel === 'webhook');
    expect(paged).toEqual([]);
  });
});
