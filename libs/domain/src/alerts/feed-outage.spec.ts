import { DEFAULT_ALERT_POLICY } from './alert';
import { acknowledge } from './alert-actions';
import { alertCoverage } from './alert-coverage';
import { applySignal } from './alert-lifecycle';
import { transitionNotifications } from './alert-notifications';
import { feedOutageLimitMs, feedOutageSignal, feedRecoverySignal, feedsOut, type FeedHealth, type FeedOutageInput } from './feed-outage';
import { routeMatches, type NotificationRoute } from './notification-route';
import { isZoneAlert } from './operational-alert';

const MIN = 60_000;
const t0 = Date.parse('2024-11-04T08:00:00.000Z');
const at = (minutes: number) => new Date(t0 + minutes * MIN).toISOString();
const ok = (feed: string, minutes: number, intervalMs = 10 * MIN): FeedHealth => ({ feed, lastOkAt: at(minutes), intervalMs, lastFailure: null });
const FEEDS = ['dmi-metobs', 'dmi-oceanobs', 'dmi-dkss'];

const judge = (over: Partial<FeedOutageInput>) =>
  feedsOut({ feeds: FEEDS, health: [], afterMs: 30 * MIN, watchingSince: at(0), caughtUp: true, now: at(0), ...over }).map((o) => o.feed);

describe('feedsOut: which feeds delivered nothing for too long', () => {
  it('a feed whose last success is older than the limit is out; a fresher one is not', () => {
    const health = [ok('dmi-metobs', 100), ok('dmi-oceanobs', 69), ok('dmi-dkss', 90, 60 * MIN)];
    expect(judge({ health, now: at(100) })).toEqual(['dmi-oceanobs']);
    expect(judge({ health, now: at(98) })).toEqual([]);
    expect(judge({ health, now: at(99) })).toEqual(['dmi-oceanobs']); // exactly the limit: out
  });

  it('a feed polled less often than the limit gets two of its intervals', () => {
    expect(feedOutageLimitMs(30 * MIN, 60 * MIN)).toBe(120 * MIN);
    expect(feedOutageLimitMs(30 * MIN, 10 * MIN)).toBe(30 * MIN);
    expect(feedOutageLimitMs(30 * MIN, null)).toBe(30 * MIN);
    const health = [ok('dmi-dkss', 0, 60 * MIN)];
    expect(judge({ feeds: ['dmi-dkss'], health, now: at(119) })).toEqual([]);
    expect(judge({ feeds: ['dmi-dkss'], health, now: at(120) })).toEqual(['dmi-dkss']);
  });

  it('a watched feed never heard of counts from when watching began', () => {
    expect(judge({ watchingSince: at(0), now: at(29) })).toEqual([]);
    expect(judge({ watchingSince: at(0), now: at(30) })).toEqual(['dmi-dkss', 'dmi-metobs', 'dmi-oceanobs']);
  });

  it('only watched feeds are judged', () => {
    expect(judge({ feeds: ['dmi-metobs'], health: [ok('other', -100)], now: at(10) })).toEqual([]);
  });

  it('before the status backlog is read, silence counts from the start at the earliest; afterwards from the stored success', () => {
    // Alerting was down two hours while ingest was fine: the successes since wait in Kafka, unread.
    const health = [ok('dmi-metobs', -120)];
    expect(judge({ feeds: ['dmi-metobs'], health, watchingSince: at(0), caughtUp: false, now: at(1) })).toEqual([]);
    expect(judge({ feeds: ['dmi-metobs'], health, watchingSince: at(0), caughtUp: false, now: at(30) })).toEqual(['dmi-metobs']);
    // Restarted in an outage that began 20 minutes before: once caught up it is out at once.
    expect(judge({ feeds: ['dmi-metobs'], health: [ok('dmi-metobs', -31)], watchingSince: at(0), caughtUp: true, now: at(1) })).toEqual(['dmi-metobs']);
  });

  it('the outage carries the last success and the last failure', () => {
    const health: FeedHealth[] = [{ feed: 'dmi-oceanobs', lastOkAt: at(0), intervalMs: 10 * MIN, lastFailure: { at: at(40), reason: 'DMI answered 503' } }];
    const [outage] = feedsOut({ feeds: ['dmi-oceanobs'], health, afterMs: 30 * MIN, watchingSince: at(-5), caughtUp: true, now: at(45) });
    expect(outage).toEqual({
      feed: 'dmi-oceanobs',
      silentMs: 45 * MIN,
      subject: { kind: 'feed-outage', feed: 'dmi-oceanobs', lastOkAt: at(0), silentSince: at(0), limitMs: 30 * MIN, lastFailure: { at: at(40), reason: 'DMI answered 503' } },
    });
  });
});

describe('a feed outage through the alert lifecycle', () => {
  const health: FeedHealth[] = [{ feed: 'dmi-oceanobs', lastOkAt: at(0), intervalMs: 10 * MIN, lastFailure: { at: at(40), reason: 'DMI answered 503' } }];
  const outageAt = (minutes: number) =>
    feedsOut({ feeds: ['dmi-oceanobs'], health, afterMs: 30 * MIN, watchingSince: at(0), caughtUp: true, now: at(minutes) })[0];
  const opsRoute: NotificationRoute = { id: 'ops', name: 'ops', channel: 'webhook', target: 'https://example.org', matchers: { categories: ['operational'] }, enabled: true };
  const floodRoute: NotificationRoute = { id: 'flood', name: 'flood', channel: 'webhook', target: 'https://example.org', matchers: { hazards: ['coastal-flooding'] }, enabled: true };
  const zoneRoute: NotificationRoute = { ...floodRoute, id: 'zone', matchers: { zoneIds: ['assens-havn'] } };
  const hazardOnly: NotificationRoute = { ...floodRoute, id: 'hazard-only', matchers: { categories: ['hazard'] } };
  const everything: NotificationRoute = { ...floodRoute, id: 'all', matchers: {} };

  it('opens an orange operational alert with no zone, keeps it on repeated checks, and resolves on a newer success', () => {
    const opened = applySignal(undefined, feedOutageSignal(outageAt(31), at(31)), DEFAULT_ALERT_POLICY);
    const alert = opened.alert!;
    expect(alert).toMatchObject({ id: 'feed:dmi-oceanobs:outage#1', zoneId: null, hazard: null, severity: 'orange', state: 'firing' });
    expect(alert.operational).toMatchObject({ feed: 'dmi-oceanobs', lastOkAt: at(0) });
    expect(opened.changes[0].reason).toContain('last failure: DMI answered 503');
    expect(isZoneAlert(alert)).toBe(false);

    // The check repeats every few seconds: the same silence is the same signal.
    expect(applySignal(alert, feedOutageSignal(outageAt(32), at(32)), DEFAULT_ALERT_POLICY).changes).toEqual([]);

    // An old status re-delivered ends nothing; a newer success does.
    expect(feedRecoverySignal(alert, at(0), at(33))).toBeUndefined();
    const recovery = feedRecoverySignal(alert, at(50), at(51))!;
    const resolved = applySignal(alert, recovery, DEFAULT_ALERT_POLICY);
    expect(resolved.alert).toMatchObject({ state: 'resolved', resolvedAt: at(51) });
    expect(resolved.changes[0].reason).toBe(`dmi-oceanobs succeeded again at ${at(50)}`);
    expect(feedRecoverySignal(resolved.alert, at(60), at(61))).toBeUndefined();
  });

  it('an acknowledged outage is still resolved by the recovery', () => {
    const alert = applySignal(undefined, feedOutageSignal(outageAt(31), at(31)), DEFAULT_ALERT_POLICY).alert!;
    const acked = acknowledge(alert, { by: 'vagt', at: at(35) }).alert!;
    expect(applySignal(acked, feedRecoverySignal(acked, at(50), at(51))!, DEFAULT_ALERT_POLICY).alert?.state).toBe('resolved');
  });

  it('pages operator routes, not zone or hazard routes; has no initiatives; is not an alert event on Kafka', () => {
    const step = applySignal(undefined, feedOutageSignal(outageAt(31), at(31)), DEFAULT_ALERT_POLICY);
    const alert = step.alert!;
    expect([opsRoute, floodRoute, zoneRoute, hazardOnly, everything].filter((r) => routeMatches(r, alert)).map((r) => r.id)).toEqual(['ops', 'all']);
    const coverage = alertCoverage(alert, [], null);
    expect(coverage).toEqual({ covering: [], uncovered: false, peak: null, overtopped: false });
    const sent = transitionNotifications({ alert, changes: step.changes, notify: step.notify, routes: [opsRoute, floodRoute], coverage });
    expect(sent.map((n) => [n.channel, n.routeId])).toEqual([['webhook', 'ops']]);
    expect(sent[0].payload.alert).toMatchObject({ zoneId: null, hazard: null, operational: { feed: 'dmi-oceanobs' } });
    expect(sent[0].payload.message?.da.title).toBe('DMI-feed udeblevet: dmi-oceanobs');
    expect(sent[0].payload.message?.en.title).toBe('Feed outage: dmi-oceanobs');
    expect(sent[0].payload.message?.en.body).toContain(`Last successful poll: ${at(0)}.`);
    expect(sent[0].payload.message?.en.body).toContain('DMI answered 503');
  });

  it('a zone route still takes zone alerts (the category matcher)', () => {
    const zoneAlert = { zoneId: 'assens-havn', hazard: 'coastal-flooding' as const, severity: 'red' as const };
    expect([opsRoute, floodRoute, zoneRoute, hazardOnly, everything].filter((r) => routeMatches(r, zoneAlert)).map((r) => r.id)).toEqual(['flood', 'zone', 'hazard-only', 'all']);
  });
});
