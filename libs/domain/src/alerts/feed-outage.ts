// Owns the feed-outage decision: which feeds have delivered nothing for too long of wall clock, judged where the
// alert is raised (so a dead poller or a broker unreachable from ingest, which send no status at all, count
// too), and the lifecycle signals that open and resolve their alerts. Pure: `now` is passed in.
import type { Severity } from '../zones/hazard';
import type { Alert, OperationalSubject } from './alert';
import type { LifecycleSignal } from './alert-lifecycle';

/**
 * Orange: while a feed is out, flood alerts for the zones it covers can be missed, so it pages like an
 * orange warning and escalates on orange's time — urgent, but not the red of water already in the streets.
 */
export const FEED_OUTAGE_SEVERITY: Severity = 'orange';

/** A feed polled less often than the limit cannot be judged by it: two missed cycles are an outage. */
export const FEED_OUTAGE_MISSED_CYCLES = 2;

export const FEED_OUTAGE_RULE = 'outage';

/** What the alerting side knows of a feed, from its status events (ingest's clock). */
export interface FeedHealth {
  feed: string;
  /** The newest `ok` cycle's report time; null when none was ever heard. */
  lastOkAt: string | null;
  /** The feed's poll interval, as its newest status said. */
  intervalMs: number | null;
  lastFailure: { at: string; reason: string } | null;
}

export interface FeedOutageInput {
  /** The feeds to watch (configuration): one never heard of is judged from `watchingSince`. */
  feeds: readonly string[];
  health: readonly FeedHealth[];
  /** No `ok` status this long (wall clock) is an outage. */
  afterMs: number;
  /** When this instance began watching (its start). */
  watchingSince: string;
  /**
   * The status backlog has been read since start. Until then the stored last success may be older than what
   * waits in Kafka, so silence is counted from `watchingSince` at the earliest (no false alarm after a long
   * stop of alerting; an outage is still raised one limit after start if no status ever arrives).
   */
  caughtUp: boolean;
  now: string;
}

export interface FeedOutage {
  feed: string;
  subject: OperationalSubject;
  /** Wall-clock milliseconds without a success, at `now`. */
  silentMs: number;
}

export function feedOutageFingerprint(feed: string): string {
  return `feed:${feed}:${FEED_OUTAGE_RULE}`;
}

/** The limit for one feed: the configured one, or two poll cycles when the feed is polled less often. */
export function feedOutageLimitMs(afterMs: number, intervalMs: number | null): number {
  return Math.max(afterMs, FEED_OUTAGE_MISSED_CYCLES * (intervalMs ?? 0));
}

/** The watched feeds that are out at `now`, in feed order. */
export function feedsOut(input: FeedOutageInput): FeedOutage[] {
  const now = Date.parse(input.now);
  const started = Date.parse(input.watchingSince);
  const byFeed = new Map(input.health.map((h) => [h.feed, h]));
  const out: FeedOutage[] = [];
  for (const feed of [...new Set(input.feeds)].sort()) {
    const h = byFeed.get(feed);
    const lastOk = h?.lastOkAt ? Date.parse(h.lastOkAt) : null;
    const since = lastOk === null ? started : input.caughtUp ? lastOk : Math.max(lastOk, started);
    const limitMs = feedOutageLimitMs(input.afterMs, h?.intervalMs ?? null);
    const silentMs = now - since;
    if (silentMs < limitMs) continue;
    out.push({
      feed,
      silentMs,
      subject: {
        kind: 'feed-outage',
        feed,
        lastOkAt: h?.lastOkAt ?? null,
        silentSince: new Date(since).toISOString(),
        limitMs,
        lastFailure: h?.lastFailure ?? null,
      },
    });
  }
  return out;
}

/**
 * The firing signal for an outage. Its id names the silence it is about (since when), so repeating it every
 * check changes nothing, and an alert an operator resolved stays resolved until the feed has recovered once.
 */
export function feedOutageSignal(outage: FeedOutage, now: string): LifecycleSignal {
  const fingerprint = feedOutageFingerprint(outage.feed);
  const minutes = Math.round(outage.silentMs / 60_000);
  return {
    signalId: `${fingerprint}|firing|${outage.subject.silentSince}`,
    kind: 'firing',
    fingerprint,
    zoneId: null,
    hazard: null,
    ruleId: FEED_OUTAGE_RULE,
    severity: FEED_OUTAGE_SEVERITY,
    at: now,
    operational: outage.subject,
    reason:
      `no successful ${outage.feed} cycle for ${minutes} min since ${outage.subject.silentSince}` +
      (outage.subject.lastFailure ? `; last failure: ${outage.subject.lastFailure.reason}` : ''),
  };
}

/**
 * The resolving signal when an `ok` status reported at `okAt` ends the outage `alert` stands for: only a
 * success newer than the one the outage was counted from (a re-delivered old status ends nothing).
 * `now` (the alerting clock) is the signal's time, so it always follows the firing it resolves.
 */
export function feedRecoverySignal(alert: Alert | undefined, okAt: string, now: string): LifecycleSignal | undefined {
  const subject = alert?.operational;
  if (!alert || !subject || alert.state === 'resolved') return undefined;
  if (subject.lastOkAt !== null && Date.parse(okAt) <= Date.parse(subject.lastOkAt)) return undefined;
  return {
    signalId: `${alert.fingerprint}|resolved|${okAt}`,
    kind: 'resolved',
    fingerprint: alert.fingerprint,
    zoneId: null,
    hazard: null,
    ruleId: FEED_OUTAGE_RULE,
    severity: null,
    at: now,
    reason: `${subject.feed} succeeded again at ${okAt}`,
  };
}
