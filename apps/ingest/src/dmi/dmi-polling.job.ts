// Schedules the DMI feeds: station sync, observation pollers and forecasts, each on its own interval, never
// overlapping; after every cycle of a feed it publishes the cycle's outcome on feed-status.v1.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { FeedStatusesV1, FeedStatusV1 } from '@klimavagt/contracts';
import type { EventPublisher } from '@klimavagt/messaging';
import { LivenessRegistry, Logger } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LIVENESS, LOGGER } from '@klimavagt/platform';
import { DmiFeeds } from './dmi.providers';

/** The storm-surge forecasts' feed id on feed-status.v1 (the observation pollers carry their own). */
export const DKSS_FEED = 'dmi-dkss';

/** What a cycle did, for its status: records published, and the window it covered when it had one. */
interface CycleReport {
  records: number;
  window?: { from: string; to: string };
  detail: unknown;
}

interface ScheduledTask {
  name: string;
  intervalMs: number;
  /** The feed id its cycles report on feed-status.v1; absent for the station sync (no data of its own). */
  feed?: string;
  run: (now: Date) => Promise<CycleReport>;
  running?: boolean;
  lastFinishedAt?: number;
}

@Injectable()
export class DmiPollingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tasks: ScheduledTask[];
  private stopped = false;

  constructor(
    private readonly feeds: DmiFeeds,
    private readonly scheduler: SchedulerRegistry,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    this.tasks = [
      {
        name: 'dmi-stations',
        intervalMs: config.DMI_STATION_SYNC_INTERVAL_MS,
        run: async () => cycle(await feeds.stations.syncOnce()),
      },
      ...feeds.observations.map((p) => ({
        name: p.feedId,
        feed: p.feedId,
        intervalMs: config.DMI_POLL_INTERVAL_MS,
        run: async (now: Date) => {
          const report = await p.pollOnce(now);
          return { records: report.published, ...(report.window ? { window: report.window } : {}), detail: report };
        },
      })),
      {
        name: 'dmi-forecasts',
        feed: DKSS_FEED,
        intervalMs: config.DMI_FORECAST_INTERVAL_MS,
        run: async (now: Date) => cycle(await feeds.forecasts.pollOnce(now)),
      },
      // Between the (hourly) forecast polls the gauges are vouched for at the observation cadence: a run counts
      // from when it was fetched, so "nothing fetched since" is true, and the evaluator never waits an hour.
      {
        name: 'dmi-forecasts-progress',
        intervalMs: config.DMI_POLL_INTERVAL_MS,
        run: async (now: Date) => cycle(await feeds.forecasts.vouch(now)),
      },
    ];
    liveness.register({ name: 'dmi-polling', liveness: () => this.liveness() });
  }

  onApplicationBootstrap(): void {
    if (!this.config.DMI_POLL_ENABLED) return;
    for (const task of this.tasks) {
      this.scheduler.addInterval(task.name, setInterval(() => void this.runTask(task), task.intervalMs));
    }
    // The station registry first: the forecast poller asks it for the coastal gauges.
    const [stations, ...feeds] = this.tasks;
    void this.runTask(stations).then(() => Promise.all(feeds.map((task) => this.runTask(task))));
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const task of this.tasks) if (this.scheduler.doesExist('interval', task.name)) this.scheduler.deleteInterval(task.name);
  }

  /** A poller stuck in one cycle for several intervals (a hung connection) makes the app not live. */
  private liveness(): { live: boolean; reason?: string } {
    const stuck = this.tasks.find((t) => t.running && t.lastFinishedAt !== undefined && Date.now() - t.lastFinishedAt > 5 * t.intervalMs);
    return stuck ? { live: false, reason: `${stuck.name} has not finished a cycle for ${5 * stuck.intervalMs} ms` } : { live: true };
  }

  private async runTask(task: ScheduledTask): Promise<void> {
    if (task.running) return; // the previous cycle is still busy; skip rather than pile up
    task.running = true;
    task.lastFinishedAt ??= Date.now();
    try {
      let status: Omit<FeedStatusV1, 'feed' | 'intervalMs' | 'reportedAt'>;
      try {
        const report = await task.run(new Date());
        this.log.debug({ task: task.name, report: report.detail }, 'DMI cycle done');
        status = { outcome: 'ok', records: report.records, ...(report.window ? { windowFrom: report.window.from, windowTo: report.window.to } : {}) };
      } catch (error) {
        // The cursor did not move; the next cycle retries the same window. The failure is counted and logged.
        this.log.warn({ task: task.name, err: error }, 'DMI cycle failed; retrying next interval');
        status = { outcome: 'failed', records: 0, reason: String((error as Error)?.message ?? error).slice(0, 2_000) };
      }
      // A cycle that ends after shutdown reports nothing: the publisher is closing.
      if (task.feed && !this.stopped) await this.report({ ...status, feed: task.feed, intervalMs: task.intervalMs, reportedAt: new Date().toISOString() });
    } finally {
      task.running = false;
      task.lastFinishedAt = Date.now();
    }
  }

  /**
   * A status that cannot be published is only logged: the alerting app notices the silence itself, which is
   * how a broker unreachable from here raises the feed-outage alert.
   */
  private async report(status: FeedStatusV1): Promise<void> {
    try {
      await this.publisher.publish(FeedStatusesV1, [status]);
    } catch (error) {
      this.log.warn({ feed: status.feed, err: error }, 'feed status not published');
    }
  }
}

function cycle(items: readonly unknown[]): CycleReport {
  return { records: items.length, detail: { records: items.length } };
}
