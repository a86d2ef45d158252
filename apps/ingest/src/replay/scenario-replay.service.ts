// Replays a recorded or synthetic scenario through the ingest path (screening, observations.v1, forecasts) at an
// accelerated clock: `speed` replay-seconds per real second (0 = as fast as Kafka takes it). The replay is the
// feed of every station while it runs: after each instant it vouches for the scenario's and the registry's
// stations, so the evaluator judges a replay exactly as it would the same data from live feeds.
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ForecastProgressV1, ObservationProgressV1, ObservationsV1, SeaLevelForecastsV1 } from '@klimavagt/contracts';
import { compareIds, Observation, QualityScreen, REPLAY_SCENARIOS, StationProgress } from '@klimavagt/domain';
import { EventPublisher } from '@klimavagt/messaging';
import { IngestMetrics, Logger } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LOGGER } from '@klimavagt/platform';
import { StationsRepository } from '@klimavagt/storage';

export interface ReplayStatus {
  id: string;
  scenario: string;
  synthetic: boolean;
  speed: number;
  state: 'running' | 'done' | 'failed';
  published: number;
  total: number;
  replayClock?: string;
  error?: string;
}

@Injectable()
export class ScenarioReplayService {
  private readonly replays = new Map<string, ReplayStatus>();

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly metrics: IngestMetrics,
    private readonly stations: StationsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  /** Starts a replay in the background and returns at once; `done` resolves when it has been published. */
  start(scenarioId: string, speed: number): { status: ReplayStatus; done: Promise<ReplayStatus> } {
    const build = REPLAY_SCENARIOS[scenarioId];
    if (!build) {
      throw new NotFoundException({ error: 'unknown-scenario', message: `no scenario "${scenarioId}"; known: ${Object.keys(REPLAY_SCENARIOS).join(', ')}` });
    }
    const scenario = build();
    const status: ReplayStatus = {
      id: randomUUID(),
      scenario: scenario.id,
      synthetic: scenario.synthetic,
      speed,
      state: 'running',
      published: 0,
      total: scenario.observations.length + scenario.forecasts.length,
    };
    this.replays.set(status.id, status);
    const steps = new Map<string, Observation[]>();
    for (const o of scenario.observations) steps.set(o.observedAt, [...(steps.get(o.observedAt) ?? []), o]);
    const forecasts = [...scenario.forecasts].sort((a, b) => a.runTime.localeCompare(b.runTime));
    const gauges = [...new Set(scenario.forecasts.map((f) => f.stationId))].sort(compareIds);
    const done = (async () => {
      const registered = (await this.stations.list()).map((s) => s.id);
      const vouched = [...new Set([...registered, ...scenario.observations.map((o) => o.stationId)])].sort(compareIds);
      const screen = new QualityScreen();
      let previous: number | undefined;
      for (const [at, observations] of [...steps.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const t = Date.parse(at);
        if (speed > 0 && previous !== undefined) await new Promise((r) => setTimeout(r, (t - previous!) / speed));
        previous = t;
        while (forecasts.length > 0 && Date.parse(forecasts[0].runTime) <= t) {
          const f = forecasts.shift()!;
          await this.publisher.publish(SeaLevelForecastsV1, [{ ...f, fetchedAt: f.runTime }]);
          status.published++;
        }
        await this.publisher.publish(ObservationsV1, observations.map((o) => screen.screen(o)));
        const completeUpTo = new Date(t + 1).toISOString();
        const progress = (stationId: string, feed: StationProgress['feed']): StationProgress => ({ kind: 'station-progress', stationId, feed, completeUpTo, announcedAt: new Date().toISOString() });
        await this.publisher.publish(ObservationProgressV1, vouched.map((id) => progress(id, 'replay')));
        await this.publisher.publish(ForecastProgressV1, gauges.map((id) => progress(id, 'replay')));
        this.metrics.accepted.inc({ source: 'replay' }, observations.length);
        status.published += observations.length;
        status.replayClock = at;
      }
      status.state = 'done';
      this.log.info({ replay: status }, 'replay finished');
      return status;
    })().catch((error: Error) => {
      status.state = 'failed';
      status.error = error.message;
      this.log.error({ err: error, replay: status.id }, 'replay failed');
      return status;
    });
    return { status, done };
  }

  status(id: string): ReplayStatus {
    const status = this.replays.get(id);
    if (!status) throw new NotFoundException({ error: 'unknown-replay', message: `no replay ${id}` });
    return status;
  }
}
