// Takes parsed sensor observations: refuses other stations' values, flags spikes, publishes, answers per item.
import { HttpException, HttpStatus, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { ObservationParseResult, ObservationSource, QualityScreen, RegisteredSensor, Rejection, rejection } from '@klimavagt/domain';
import { ObservationsV1 } from '@klimavagt/contracts';
import { EventPublisher, isRetriable } from '@klimavagt/messaging';
import { IngestMetrics } from '@klimavagt/observability';
import { EVENT_PUBLISHER } from '@klimavagt/platform';
import { SensorProgressJob } from './sensor-progress.job';

export interface IntakeReport {
  accepted: number;
  rejected: { index: number; code: string; message: string; field?: string }[];
}

@Injectable()
export class ObservationIntakeService {
  // Per-instance memory of each series' recent values; enough to flag spikes and flat-lines in a sensor's stream.
  private readonly screen = new QualityScreen();

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly metrics: IngestMetrics,
    private readonly progress: SensorProgressJob,
  ) {}

  /** Resolves once Kafka has acknowledged every accepted observation; 503 if it cannot. */
  async intake(results: ObservationParseResult[], sensor: RegisteredSensor, source: ObservationSource): Promise<IntakeReport> {
    const rejected: IntakeReport['rejected'] = [];
    const accepted = [];
    for (const [index, result] of results.entries()) {
      let refusal: Rejection | undefined = result.ok ? undefined : result.rejection;
      if (result.ok && result.observation.stationId !== sensor.stationId) {
        refusal = rejection(
          'forbidden-station',
          `this credential may only report station "${sensor.stationId}", not "${result.observation.stationId}"`,
          'stationId',
        );
      }
      if (refusal) {
        rejected.push({ index, ...refusal });
        this.metrics.rejected.inc({ source, reason: refusal.code });
      } else if (result.ok) {
        accepted.push(this.screen.screen(result.observation));
      }
    }
    if (accepted.length > 0) {
      try {
        await this.publisher.publish(ObservationsV1, accepted);
      } catch (error) {
        if (isRetriable(error)) {
          throw new ServiceUnavailableException({ error: 'kafka-unavailable', message: 'observations could not be stored right now; retry later' });
        }
        throw error;
      }
      this.metrics.accepted.inc({ source }, accepted.length);
      this.progress.pushedBy(sensor.stationId, source);
    }
    const report = { accepted: accepted.length, rejected };
    if (accepted.length === 0 && rejected.length > 0) {
      const forbidden = rejected.every((r) => r.code === 'forbidden-station');
      throw new HttpException(
        { error: forbidden ? 'forbidden' : 'invalid-observations', message: rejected[0].message, ...report },
        forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    return report;
  }
}
