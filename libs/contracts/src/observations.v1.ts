// observations.v1: every canonical observation, keyed by station id so a station's values stay in order.
import { z } from 'zod';
import { PARAMETER_IDS, type Observation } from '@klimavagt/domain';
import type { EventContract } from './event-contract';

const instant = z.string().datetime({ offset: true });

export const observationV1Schema = z
  .object({
    stationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/),
    parameter: z.enum(PARAMETER_IDS),
    observedAt: instant,
    value: z.number().finite(),
    unit: z.enum(['m', 'mm', 'm/s', 'deg', 'degC', 'hPa']),
    source: z.enum(['dmi-metobs', 'dmi-oceanobs', 'sensor-batch', 'sensor-ttn', 'sensor-sensorthings', 'replay']),
    quality: z.enum(['ok', 'suspect-spike', 'suspect-flatline', 'trace', 'calm', 'provider-flagged']),
    createdAt: instant,
    receivedAt: instant,
  })
  .strict();

export const ObservationsV1: EventContract<Observation> = {
  topic: 'observations.v1',
  keyOf: (o) => o.stationId,
  schema: observationV1Schema,
};
