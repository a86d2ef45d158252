// Polls one DMI observation feed (metObs or oceanObs) window by window, from a persisted cursor.
//
// A window is [cursor, now − settle). DMI's `datetime=A/B` is inclusive, so values observed exactly at B
// are left for the next window. Each page is published (acknowledged by Kafka) before the next is read,
// and the cursor moves only after the whole window is out: a restart resumes at the cursor, neither
// skipping nor re-reading a finished window. A window interrupted by an error is read again next time;
// the recorder's idempotent upsert makes those repeats no-ops. Once a window is out, the poller announces per
// station (the registry's stations of this feed and any that answered) that it is complete up to the window's
// end: the evaluator's event time comes from that word, not from whichever record arrived last.
import { DeadLettersV1, DeadLetterV1, ObservationProgressV1, ObservationsV1 } from '@klimavagt/contracts';
import { compareIds, mapDmiObservation, Observation, QualityScreen, StationProgress } from '@klimavagt/domain';
import { DmiClient, DmiObservationApi } from '@klimavagt/feeds';
import { EventPublisher } from '@klimavagt/messaging';
import { IngestMetrics, Logger } from '@klimavagt/observability';
import { FeedCursorsRepository, StationsRepository } from '@klimavagt/storage';

export interface DmiObservationPollerOptions {
  api: DmiObservationApi;
  bbox: readonly [number, number, number, number];
  stationIds?: readonly string[];
  settleMs: number;
  backfillMs: number;
  /** The longest window read (and announced) at once; DEFAULT_MAX_WINDOW_MS when unset. */
  maxWindowMs?: number;
}

export const DEFAULT_MAX_WINDOW_MS = 6 * 3_600_000;

export interface DmiObservationPollerDeps {
  client: DmiClient;
  publisher: EventPublisher;
  cursors: FeedCursorsRepository;
  /** The registry: its stations of this feed are vouched for even when they sent nothing (a silent gauge). */
  stations: StationsRepository;
  metrics: IngestMetrics;
  log: Logger;
}

export interface PollReport {
  window?: { from: string; to: string };
  published: number;
  deadLettered: number;
  ignored: number;
}

export class DmiObservationPoller {
  readonly feedId: string;
  private readonly source: 'dmi-metobs' | 'dmi-oceanobs';
  private readonly screen = new QualityScreen();
  private readonly stations?: ReadonlySet<string>;

  constructor(
    private readonly options: DmiObservationPollerOptions,
    private readonly deps: DmiObservationPollerDeps,
  ) {
    this.source = options.api === 'metObs' ? 'dmi-metobs' : 'dmi-oceanobs';
    this.feedId = this.source;
    this.stations = options.stationIds ? new Set(options.stationIds) : undefined;
  }

  /**
   * Reads from the cursor up to `now − settle` in windows of at most `maxWindowMs`, each announced complete before
   * the next is read: a long backfill vouches for its stations chunk by chunk, so the evaluator judges it as it
   * goes instead of holding years of values for one final word.
   */
  async pollOnce(now: Date): Promise<PollReport> {
    const { metrics } = this.deps;
    try {
      const end = new Date(now.getTime() - this.options.settleMs);
      const report: PollReport = { published: 0, deadLettered: 0, ignored: 0 };
      for (;;) {
        const from = (await this.deps.cursors.get(this.feedId)) ?? new Date(now.getTime() - this.options.backfillMs);
        if (end <= from) break;
        const to = new Date(Math.min(end.getTime(), from.getTime() + (this.options.maxWindowMs ?? DEFAULT_MAX_WINDOW_MS)));
        const part = await this.pollWindow(from, to, now);
        report.window = { from: report.window?.from ?? from.toISOString(), to: to.toISOString() };
        report.published += part.published;
        report.deadLettered += part.deadLettered;
        report.ignored += part.ignored;
      }
      metrics.feedRequests.inc({ feed: this.feedId, outcome: 'ok' });
      return report;
    } catch (error) {
      metrics.feedRequests.inc({ feed: this.feedId, outcome: 'failed' });
      throw error;
    }
  }

  private async pollWindow(from: Date, to: Date, now: Date): Promise<PollReport> {
    const { client, publisher, cursors, metrics } = this.deps;
    const report: PollReport = { published: 0, deadLettered: 0, ignored: 0 };
    report.window = { from: from.toISOString(), to: to.toISOString() };

    const answered = new Set<string>();
    const pages = client.fetchObservationPages(this.options.api, {
      datetime: `${from.toISOString()}/${to.toISOString()}`,
      bbox: this.options.bbox.join(','),
    });
    for await (const page of pages) {
      const observations: Observation[] = [];
      const letters: DeadLetterV1[] = [];
      for (const feature of page.features) {
        const props = feature.properties;
        if (Date.parse(props.observed) >= to.getTime()) continue; // belongs to the next window
        if (this.stations && !this.stations.has(props.stationId)) continue;
        answered.add(props.stationId);
        const mapped = mapDmiObservation(props, { source: this.source, receivedAt: now });
        if (mapped.kind === 'observation') {
          observations.push(this.screen.screen(mapped.observation));
        } else if (mapped.kind === 'rejected') {
          letters.push({
            origin: this.feedId,
            code: mapped.rejection.code,
            reason: mapped.rejection.message,
            raw: JSON.stringify(feature),
            rawEncoding: 'utf8',
            key: props.stationId,
            attempts: 1,
            failedAt: now.toISOString(),
          });
          metrics.rejected.inc({ source: this.source, reason: mapped.rejection.code });
        } else {
          // Parameters we do not use (humidity, sealev_ln, …): counted, not dead-lettered.
          report.ignored++;
          metrics.rejected.inc({ source: this.source, reason: mapped.reason.code });
        }
      }
      await publisher.publish(ObservationsV1, observations);
      await publisher.publish(DeadLettersV1, letters);
      metrics.accepted.inc({ source: this.source }, observations.length);
      report.published += observations.length;
      report.deadLettered += letters.length;
    }
    await this.announceComplete(answered, to, now);
    await cursors.advance(this.feedId, to);
    metrics.feedLastSuccess.set({ feed: this.feedId }, now.getTime() / 1000);
    metrics.feedLag.set({ feed: this.feedId }, (now.getTime() - to.getTime()) / 1000);
    return report;
  }

  /** After the window's values were acknowledged: on each station's own key, so it follows them in order. */
  private async announceComplete(answered: ReadonlySet<string>, to: Date, now: Date): Promise<void> {
    const registered = (await this.deps.stations.list({ source: this.source })).map((s) => s.id);
    const ids = [...new Set([...registered.filter((id) => !this.stations || this.stations.has(id)), ...answered])].sort(compareIds);
    const progress: StationProgress[] = ids.map((stationId) => ({
      kind: 'station-progress',
      stationId,
      feed: this.source,
      completeUpTo: to.toISOString(),
      announcedAt: now.toISOString(),
    }));
    await this.deps.publisher.publish(ObservationProgressV1, progress);
  }
}
