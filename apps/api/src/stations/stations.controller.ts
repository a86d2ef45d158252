// The station registry as planners see it: where each gauge and weather station stands and what it measures.
import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Access, ZodValidationPipe } from '@klimavagt/platform';
import { StationsRepository } from '@klimavagt/storage';

const stationsQuery = z.object({ source: z.enum(['dmi-metobs', 'dmi-oceanobs', 'sensor']).optional() }).strict();

@Access('planner', 'operator')
@Controller('v1/stations')
export class StationsController {
  constructor(private readonly stations: StationsRepository) {}

  @Get()
  list(@Query(new ZodValidationPipe(stationsQuery)) query: z.infer<typeof stationsQuery>) {
    return this.stations.list(query);
  }
}
