// Planners' reads of observations: the latest value per station and parameter, and bucketed series.
import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { PARAMETER_IDS } from '@klimavagt/domain';
import { Access, ZodValidationPipe } from '@klimavagt/platform';
import { ObservationsRepository } from '@klimavagt/storage';

const stationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a station id of letters, digits, . _ : -');
const latestQuery = z.object({ stationId: stationId.optional(), parameter: z.enum(PARAMETER_IDS).optional() }).strict();
const seriesQuery = z
  .object({
    stationId,
    parameter: z.enum(PARAMETER_IDS),
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
    resolution: z.enum(['raw', 'hour', 'day']).default('raw'),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] });

@Access('planner', 'operator')
@Controller('v1/observations')
export class ObservationsController {
  constructor(private readonly observations: ObservationsRepository) {}

  @Get('latest')
  latest(@Query(new ZodValidationPipe(latestQuery)) query: z.infer<typeof latestQuery>) {
    return this.observations.latest(query);
  }

  @Get('series')
  async series(@Query(new ZodValidationPipe(seriesQuery)) query: z.infer<typeof seriesQuery>) {
    const points = await this.observations.series({ ...query, from: new Date(query.from), to: new Date(query.to) });
    return { stationId: query.stationId, parameter: query.parameter, resolution: query.resolution, points };
  }
}
