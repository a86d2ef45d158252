// Push endpoints for the municipality's sensors: own batch format, The Things Stack webhook, SensorThings.
// Each answers 202 only after Kafka acknowledged the accepted items, with a reason for each refused one.
import { BadRequestException, Body, Controller, HttpCode, Inject, PayloadTooLargeException, Post, Req, UseGuards } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { mapSensorThingsObservation, mapTtnUplink, parseObservationInput, RegisteredSensor } from '@klimavagt/domain';
import { Open } from '@klimavagt/platform';
import { ObservationIntakeService } from './observation-intake.service';
import { SensorAuthGuard, SensorRequest } from './sensor-auth.guard';

function itemsOf(body: unknown, field: 'observations' | 'value'): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null && Array.isArray((body as Record<string, unknown>)[field])) {
    return (body as Record<string, unknown[]>)[field];
  }
  throw new BadRequestException({ error: 'malformed', message: `expected a JSON array or an object with a "${field}" array` });
}

// Each sensor authenticates with its own token (the sensor role), so the API-key check lets it through.
@Open()
@Controller('v1/sensors')
@UseGuards(SensorAuthGuard)
export class SensorObservationsController {
  constructor(
    private readonly intake: ObservationIntakeService,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
  ) {}

  private checkBatchSize(items: unknown[]): void {
    if (items.length === 0) throw new BadRequestException({ error: 'malformed', message: 'the batch is empty' });
    if (items.length > this.config.INGEST_MAX_BATCH_ITEMS) {
      throw new PayloadTooLargeException({
        error: 'batch-too-large',
        message: `a batch may hold at most ${this.config.INGEST_MAX_BATCH_ITEMS} observations, got ${items.length}`,
      });
    }
  }

  /** Klimavagt's own format: `{ observations: [{ stationId, parameter, observedAt, value, unit, createdAt? }] }`. */
  @Post('observations')
  @HttpCode(202)
  batch(@Body() body: unknown, @Req() request: SensorRequest) {
    const items = itemsOf(body, 'observations');
    this.checkBatchSize(items);
    const receivedAt = new Date();
    const results = items.map((item) => parseObservationInput(item, { receivedAt, source: 'sensor-batch' }));
    return this.intake.intake(results, request.sensor as RegisteredSensor, 'sensor-batch');
  }

  /** The Things Stack v3 uplink webhook (configure the sensor's token as an Authorization header there). */
  @Post('ttn/uplink')
  @HttpCode(202)
  ttnUplink(@Body() body: unknown, @Req() request: SensorRequest) {
    const sensor = request.sensor as RegisteredSensor;
    return this.intake.intake([mapTtnUplink(body, sensor, { receivedAt: new Date() })], sensor, 'sensor-ttn');
  }

  /** OGC SensorThings: one Observation, or a collection `{ value: [...] }`. */
  @Post('sensorthings/Observations')
  @HttpCode(202)
  sensorThings(@Body() body: unknown, @Req() request: SensorRequest) {
    const sensor = request.sensor as RegisteredSensor;
    const single = typeof body === 'object' && body !== null && !Array.isArray(body) && !('value' in body);
    const items = single ? [body] : itemsOf(body, 'value');
    this.checkBatchSize(items);
    const receivedAt = new Date();
    return this.intake.intake(
      items.map((item) => mapSensorThingsObservation(item, sensor, { receivedAt })),
      sensor,
      'sensor-sensorthings',
    );
  }
}
