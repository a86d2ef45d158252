// Admin endpoint that registers a push sensor and its station, and hands out the sensor's token once.
import { Body, Controller, Headers, Post } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { STATION_ID_PATTERN } from '@klimavagt/domain';
import { Open, ZodValidationPipe } from '@klimavagt/platform';
import { SensorsRepository, StationsRepository } from '@klimavagt/storage';
import { AdminTokenCheck } from './admin-token.check';

const registration = z
  .object({
    sensorId: z.string().regex(STATION_ID_PATTERN),
    /** Defaults to the sensor id: a sensor usually is its own station. */
    stationId: z.string().regex(STATION_ID_PATTERN).optional(),
    name: z.string().min(1).max(200),
    owner: z.string().min(1).max(200).default('Assens Kommune'),
    location: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    levelParameter: z.enum(['sea_level', 'water_level']).optional(),
    elevationM: z.number().finite().min(-20).max(300).optional(),
  })
  .strict();

// Guarded by ADMIN_TOKEN on its own, so the API-key check lets it through.
@Open()
@Controller('v1/admin/sensors')
export class SensorRegistrationController {
  constructor(
    private readonly sensors: SensorsRepository,
    private readonly stations: StationsRepository,
    private readonly admin: AdminTokenCheck,
  ) {}

  @Post()
  async register(@Headers('authorization') authorization: string | undefined, @Body(new ZodValidationPipe(registration)) body: z.infer<typeof registration>) {
    this.admin.authorize(authorization);
    const stationId = body.stationId ?? body.sensorId;
    await this.stations.upsert([
      {
        id: stationId,
        name: body.name,
        source: 'sensor',
        owner: body.owner,
        location: body.location,
        providerParameters: [],
        parameters: body.levelParameter ? [body.levelParameter] : [],
        ...(body.elevationM !== undefined ? { sensorElevationM: body.elevationM } : {}),
      },
    ]);
    const token = randomBytes(24).toString('base64url');
    await this.sensors.register({ sensorId: body.sensorId, stationId, levelParameter: body.levelParameter, elevationM: body.elevationM }, token);
    return { sensorId: body.sensorId, stationId, token };
  }
}
