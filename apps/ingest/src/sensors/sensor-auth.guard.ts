// Authenticates a push sensor by its bearer token; the sensor (and so its one station) rides on the request.
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { RegisteredSensor } from '@klimavagt/domain';
import { SensorsRepository } from '@klimavagt/storage';

export interface SensorRequest {
  headers: Record<string, string | string[] | undefined>;
  sensor?: RegisteredSensor;
}

@Injectable()
export class SensorAuthGuard implements CanActivate {
  constructor(private readonly sensors: SensorsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SensorRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S{16,256})$/i.exec(header) : null;
    if (!match) {
      throw new UnauthorizedException({ error: 'unauthorized', message: 'a sensor credential is required: Authorization: Bearer <token>' });
    }
    const sensor = await this.sensors.findByToken(match[1]);
    if (!sensor) throw new UnauthorizedException({ error: 'unauthorized', message: 'the sensor credential is not valid or was revoked' });
    request.sensor = sensor;
    return true;
  }
}
