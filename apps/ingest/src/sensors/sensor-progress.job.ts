// Vouches for pushed sensors on the wall clock: every interval, each sensor station is announced complete up to
// now minus the allowed lateness (a push observed earlier than that arrives late and is re-judged as such).
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { ObservationProgressV1 } from '@klimavagt/contracts';
import { compareIds, ObservationSource, StationProgress } from '@klimavagt/domain';
import { EventPublisher } from '@klimavagt/messaging';
import { Logger } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LOGGER } from '@klimavagt/platform';
import { StationsRepository } from '@klimavagt/storage';

@Injectable()
export class SensorProgressJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  /** Stations that pushed since start, with the source they last pushed through. */
  private readonly pushed = new Map<string, ObservationSource>();

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly stations: StationsRepository,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.announce(new Date()).catch((error) => this.log.warn({ err: error }, 'sensor progress not announced; next tick retries')), this.config.SENSOR_PROGRESS_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Called by the intake after a push was acknowledged. */
  pushedBy(stationId: string, source: ObservationSource): void {
    this.pushed.set(stationId, source);
  }

  async announce(now: Date): Promise<void> {
    const registered = (await this.stations.list({ source: 'sensor' })).map((s) => s.id);
    const ids = [...new Set([...registered, ...this.pushed.keys()])].sort(compareIds);
    const completeUpTo = new Date(now.getTime() - this.config.SENSOR_ALLOWED_LATENESS_MS).toISOString();
    const progress: StationProgress[] = ids.map((stationId) => ({
      kind: 'station-progress',
      stationId,
      feed: this.pushed.get(stationId) ?? 'sensor-batch',
      completeUpTo,
      announcedAt: now.toISOString(),
    }));
    await this.publisher.publish(ObservationProgressV1, progress);
  }
}
