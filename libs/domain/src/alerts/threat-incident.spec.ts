// Tests threat incidents: forecast and observed rules of one zone and hazard page as one threat, resolve once.
import { isZoneAlert } from './operational-alert';
import { capInfoContent } from '../cap/cap-alert';
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { AlertSignalKind } from '../rules/alert-signal';
import type { DecidingValue } from '../rules/verdict';
import { CAP_SEVERITY, type Severity } from '../zones/hazard';
import { acknowledge, resolveManually } from './alert-actions';
import { DEFAULT_ALERT_POLICY, type Alert, type AlertPolicy, type ThreatEvidence } from './alert';
import { alertCapInput } from './alert-cap';
import { applySignal } from './alert-lifecycle';
import { transitionNotifications } from './alert-notifications';
import type { NotificationRoute } from './notification-route';
import { applyThreatSignal, asIncident, incidentDecidedBy, threatEvidenceOf } from './threat-incident';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 18, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();
const policy: AlertPolicy = { ...DEFAULT_ALERT_POLICY, reopenWindowMs: 60 * MIN, flapThreshold: 3 };
const ZONE = 'assens-havn';
const RULES: Record<ThreatEvidence, string> = { forecast: 'dkss-prognose', observed: 'vandstand' };
const ROUTE: NotificationRoute = { id: 'vagt', name: 'Vagten', channel: 'webhook', enabled: true, matchers: {} } as unknown as NotificationRoute;

function decided(evidence: ThreatEvidence, minute: number, value: number): DecidingValue {
  return evidence === 'forecast'
    ? { stationId: '9020201', parameter: 'sea_level', observedAt: at(minute + 360), value, measure: 'forecast-peak', forecastRunTime: at(minute - 60) }
    : { stationId: '9020201', parameter: 'sea_level', observedAt: at(minute), value, measure: 'value' };
}

/** A firing at `severity`, or the rule's resolved signal when it is null. */
function sig(evidence: ThreatEvidence, minute: number, severity: Severity | null, ruleId = RULES[evidence]): IdentifiedAlertSignal {
  const kind: AlertSignalKind = severity ? 'firing' : 'resolved';
  const s = {
    kind,
    fingerprint: `${ZONE}:coastal-flooding:${ruleId}`,
    zoneId: ZONE,
    hazard: 'coastal-flooding' as const,
    ruleId,
    severity,
    previousSeverity: null,
    capSeverity: severity ? CAP_SEVERITY[severity] : null,
    votes: [],
    at: at(minute),
    ...(severity ? { decidedBy: decided(evidence, minute, severity === 'yellow' ? 1.1 : severity === 'orange' ? 1.3 : 1.6) } : {}),
  };
  return { ...s, signalId: signalId(s) };
}

/** Folds [evidence, signal] pairs through applyThreatSignal; counts pages per route and keeps every episode. */
function run(steps: [ThreatEvidence, IdentifiedAlertSignal][], start?: Alert) {
  let current = start;
  const pages: string[] = [];
  const episodes = new Map<string, Alert>();
  for (const [evidence, s] of steps) {
    const r = applyThreatSignal(current, s, evidence, policy);
    if (r.alert && r.changes.length > 0) {
      const sent = transitionNotifications({ alert: r.alert, changes: r.changes, notify: r.notify, routes: [ROUTE], coverage: { covering: [], uncovered: true, peak: null, overtopped: false } as never, capInput: capInput(r.alert) });
      pages.push(...sent.filter((n) => n.channel === 'webhook').map((n) => n.eventType));
    }
    current = r.alert;
    if (current) episodes.set(current.id, current);
  }
  return { current: current!, pages, episodes };
}

function capInput(alert: Alert) {
  if (!isZoneAlert(alert)) throw new Error('an incident is a zone alert');
  const decidedBy = incidentDecidedBy(alert);
  return alertCapInput({
    alert,
    zone: { id: ZONE, name: 'Assens havn', geometry: { type: 'Polygon', coordinates: [[[9.88, 55.27], [9.89, 55.27], [9.89, 55.28], [9.88, 55.27]]] }, illustrative: true },
    coverage: { covering: [], uncovered: true, peak: null, overtopped: false } as never,
    ...(decidedBy ? { decidedBy } : {}),
    msgType: alert.state === 'resolved' ? 'Cancel' : 'Alert',
    sequence: 1,
    references: [],
    sentAt: alert.updatedAt,
    sender: 'klimavagt@assens.dk',
  });
}

const urgency = (alert: Alert) => capInfoContent(capInput(alert), 'en').urgency;
const kinds = (alert: Alert) => alert.history.map((h) => h.kind);

describe('threatEvidenceOf', () => {
  it("takes the zone's rule kind, then the deciding value, and leaves silent gauges to their own alert", () => {
    const forecast = sig('forecast', 0, 'yellow');
    expect(threatEvidenceOf(forecast, { spec: { kind: 'forecast' } })).toBe('forecast');
    expect(threatEvidenceOf(forecast, { spec: { kind: 'threshold' } })).toBe('observed');
    expect(threatEvidenceOf(forecast, { spec: { kind: 'stale' } })).toBeUndefined();
    expect(threatEvidenceOf(forecast, undefined)).toBe('forecast');
    expect(threatEvidenceOf(sig('observed', 0, 'yellow'), undefined)).toBe('observed');
    expect(threatEvidenceOf(sig('observed', 0, null), undefined)).toBeUndefined();
  });
});

describe('applyThreatSignal', () => {
  it('forecast warns first, the observation confirms it: one incident, one page per route, Expected then Immediate', () => {
    const forecastOnly = run([['forecast', sig('forecast', 0, 'yellow')]]);
    expect(forecastOnly.pages).toEqual(['alert.opened']);
    expect(forecastOnly.current).toMatchObject({ id: `${ZONE}:coastal-flooding:dkss-prognose#1`, evidence: 'forecast', severity: 'yellow' });
    expect(urgency(forecastOnly.current)).toBe('Expected');

    const confirmed = run([['forecast', sig('forecast', 0, 'yellow')], ['observed', sig('observed', 300, 'yellow')]]);
    expect(confirmed.pages).toEqual(['alert.opened']);
    expect(confirmed.episodes.size).toBe(1);
    expect(kinds(confirmed.current)).toEqual(['opened', 'confirmed']);
    expect(confirmed.current.evidence).toBe('observed');
    expect(urgency(confirmed.current)).toBe('Immediate');
    expect(incidentDecidedBy(confirmed.current)).toMatchObject({ measure: 'value', value: 1.1 });
  });

  it('the observation above the forecast escalates the one incident: a raise pages, still one alert', () => {
    const r = run([['forecast', sig('forecast', 0, 'yellow')], ['observed', sig('observed', 300, 'orange')]]);
    expect(r.pages).toEqual(['alert.opened', 'alert.severity-raised']);
    expect(kinds(r.current)).toEqual(['opened', 'severity-raised', 'confirmed']);
    expect(r.current).toMatchObject({ severity: 'orange', evidence: 'observed', state: 'firing' });
  });

  it('observed first, then the forecast of the same severity: no second page, still Immediate', () => {
    const r = run([['observed', sig('observed', 0, 'yellow')], ['forecast', sig('forecast', 10, 'yellow')]]);
    expect(r.pages).toEqual(['alert.opened']);
    expect(kinds(r.current)).toEqual(['opened']);
    expect(urgency(r.current)).toBe('Immediate');
    expect(r.current.sources?.[`${ZONE}:coastal-flooding:dkss-prognose`]).toMatchObject({ severity: 'yellow', evidence: 'forecast' });
  });

  it('resolves once, when the last rule clears; the observation clearing first leaves the forecast standing (Expected)', () => {
    const resolvedObs = run([
      ['forecast', sig('forecast', 0, 'yellow')],
      ['observed', sig('observed', 300, 'yellow')],
      ['observed', sig('observed', 420, null)],
    ]);
    expect(resolvedObs.pages).toEqual(['alert.opened']);
    expect(kinds(resolvedObs.current)).toEqual(['opened', 'confirmed', 'forecast-only']);
    expect(resolvedObs.current.state).toBe('firing');
    expect(urgency(resolvedObs.current)).toBe('Expected');

    const done = run([
      ['forecast', sig('forecast', 0, 'yellow')],
      ['observed', sig('observed', 300, 'yellow')],
      ['observed', sig('observed', 420, null)],
      ['forecast', sig('forecast', 480, null)],
    ]);
    expect(done.pages).toEqual(['alert.opened', 'alert.resolved']);
    expect(kinds(done.current).filter((k) => k === 'resolved')).toHaveLength(1);
    expect(done.current).toMatchObject({ state: 'resolved', resolvedBy: 'signal' });
  });

  it('a forecast alone still pages, raises and resolves like any alert', () => {
    const r = run([
      ['forecast', sig('forecast', 0, 'yellow')],
      ['forecast', sig('forecast', 60, 'orange')],
      ['forecast', sig('forecast', 120, null)],
    ]);
    expect(r.pages).toEqual(['alert.opened', 'alert.severity-raised', 'alert.resolved']);
    expect(r.current.evidence).toBe('forecast');
  });

  it('a rule clearing below the other lowers the incident to what still stands', () => {
    const r = run([
      ['observed', sig('observed', 0, 'orange')],
      ['forecast', sig('forecast', 10, 'yellow')],
      ['observed', sig('observed', 60, null)],
    ]);
    expect(kinds(r.current)).toEqual(['opened', 'severity-lowered', 'forecast-only']);
    expect(r.current).toMatchObject({ severity: 'yellow', state: 'firing', evidence: 'forecast' });
  });

  it('recognises duplicates per rule and keeps rule bookkeeping without a change', () => {
    const first = sig('forecast', 0, 'yellow');
    const once = applyThreatSignal(undefined, first, 'forecast', policy).alert!;
    expect(applyThreatSignal(once, first, 'forecast', policy)).toEqual({ alert: once, changes: [], notify: false });
    // The observed rule's signal is stamped before the forecast's: not a duplicate, another rule's time.
    const early = applyThreatSignal(once, sig('observed', -5, 'yellow'), 'observed', policy);
    expect(early.changes.map((c) => c.kind)).toEqual(['confirmed']);
    expect(Date.parse(early.changes[0].at)).toBeGreaterThan(Date.parse(once.lastSignalAt));
    // A same-severity forecast from a second forecast rule: nothing to say, but its state is kept.
    const second = applyThreatSignal(early.alert, sig('forecast', 30, 'yellow', 'dkss-idw'), 'forecast', policy);
    expect(second.changes).toEqual([]);
    expect(second.alert?.sources?.[`${ZONE}:coastal-flooding:dkss-idw`]?.severity).toBe('yellow');
  });

  it('an acknowledged incident stays acknowledged when confirmed at its severity, fires again when raised', () => {
    const opened = run([['forecast', sig('forecast', 0, 'yellow')]]).current;
    const acked = acknowledge(opened, { by: 'vagt', at: at(5) }).alert;
    const confirmed = applyThreatSignal(acked, sig('observed', 300, 'yellow'), 'observed', policy);
    expect(confirmed.alert?.state).toBe('acknowledged');
    expect(confirmed.notify).toBe(false);
    const raised = applyThreatSignal(confirmed.alert, sig('observed', 320, 'red'), 'observed', policy);
    expect(raised.alert?.state).toBe('firing');
    expect(raised.notify).toBe(true);
  });

  it('after a resolve, a firing reopens within the window and opens a new episode later, rules carried over', () => {
    const resolved = run([
      ['observed', sig('observed', 0, 'yellow')],
      ['observed', sig('observed', 30, null)],
    ]).current;
    const reopened = applyThreatSignal(resolved, sig('forecast', 60, 'yellow'), 'forecast', policy);
    expect(reopened.changes.map((c) => c.kind)).toEqual(['reopened']);
    const later = applyThreatSignal(resolved, sig('forecast', 200, 'yellow'), 'forecast', policy);
    expect(later.alert).toMatchObject({ id: `${ZONE}:coastal-flooding:vandstand#2`, episode: 2, ruleId: 'vandstand', evidence: 'forecast' });
    expect(Object.keys(later.alert!.sources!).sort()).toEqual([`${ZONE}:coastal-flooding:dkss-prognose`, `${ZONE}:coastal-flooding:vandstand`]);
    // An operator's resolve: a rule clearing afterwards reopens nothing.
    const manual = resolveManually(run([['forecast', sig('forecast', 0, 'yellow')], ['observed', sig('observed', 10, 'yellow')]]).current, { by: 'vagt', at: at(20), reason: 'handled' }).alert;
    const clearing = applyThreatSignal(manual, sig('observed', 30, null), 'observed', policy);
    expect(clearing.changes).toEqual([]);
    expect(clearing.alert?.state).toBe('resolved');
  });

  it('takes an alert stored before incidents as an incident of its own rule', () => {
    const legacy = applySignal(undefined, sig('observed', 0, 'orange'), policy).alert!;
    expect(legacy.sources).toBeUndefined();
    // The alerting app takes it as an incident of its own rule (evidence from that rule) before the step.
    const r = applyThreatSignal(asIncident(legacy, 'observed'), sig('forecast', 10, 'orange'), 'forecast', policy);
    expect(r.changes).toEqual([]);
    expect(r.alert?.sources?.[legacy.fingerprint]).toMatchObject({ severity: 'orange', evidence: 'observed' });
    const cleared = applyThreatSignal(r.alert, sig('observed', 20, null), 'observed', policy);
    expect(cleared.alert).toMatchObject({ state: 'firing', severity: 'orange', evidence: 'forecast' });
    expect(cleared.changes.map((c) => c.kind)).toEqual(['forecast-only']);
  });

  it('never mutates its inputs', () => {
    const opened = run([['forecast', sig('forecast', 0, 'yellow')]]).current;
    const copy = structuredClone(opened);
    applyThreatSignal(opened, sig('observed', 5, 'red'), 'observed', policy);
    expect(opened).toEqual(copy);
  });
});
