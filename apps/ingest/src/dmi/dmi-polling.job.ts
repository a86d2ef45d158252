// Schedules the DMI feeds: station sync, observation pollers and forecasts, each on its own interval, never overlapping.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { LivenessRegistry, Logger } from '@klimavagt/observability';
import { LIVENESS, LOGGER } from '@klimavagt/platform';
import { DmiFeeds } from './dmi.providers';

interface ScheduledTask {
  name: string;
  intervalMs: number;
  run: (now: Date) => Promise<unknown>;
  running?: boolean;
  lastFinishedAt?: number;
}

@Injectable()
export class DmiPollingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tasks: ScheduledTask[];

  constructor(
    private readonly feeds: DmiFeeds,
    private readonly scheduler: SchedulerRegistry,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    this.tasks = [
      { name: 'dmi-stations', intervalMs: config.DMI_STATION_SYNC_INTERVAL_MS, run: () => feeds.stations.syncOnce() },
      ...feeds.observations.map((p) => ({ name: p.feedId, intervalMs: config.DMI_POLL_INTERVAL_MS, run: (now: Date) => p.pollOnce(now) })),
      { name: 'dmi-forecasts', intervalMs: config.DMI_FORECAST_INTERVAL_MS, run: (now: Date) => feeds.forecasts.pollOnce(now) },
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
      const report = await task.run(new Date());
      this.log.debug({ task: task.name, report }, 'DMI cycle done');
    } catch (error) {
      // The cursor did not move; the next cycle retries the same window. The failure is counted and logged.
      this.log.warn({ task: task.name, err: error }, 'DMI cycle failed; retrying next interval');
    } finally {
      task.running = false;
      task.lastFinishedAt = Date.now();
    }
  }
}
