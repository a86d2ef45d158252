// Planners' reads of observations: the latest value per station and parameter, bucketed series, and the
// storm-surge forecast run that stood at a moment.
import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { z } from 'zod';
import { PARAMETER_IDS } from '@klimavagt/domain';
import { Access, PublicRead, ZodValidationPipe, instantSchema } from '@klimavagt/platform';
import { ObservationsRepository, SeaLevelForecastsRepository, ZonesRepository } from '@klimavagt/storage';

const stationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a station id of letters, digits, . _ : -');
const latestQuery = z.object({ stationId: stationId.optional(), parameter: z.enum(PARAMETER_IDS).optional() }).strict();
const seriesQuery = z
  .object({
    stationId,
    parameter: z.enum(PARAMETER_IDS),
    from: instantSchema,
    to: instantSchema,
    resolution: z.enum(['raw', 'hour', 'day']).default('raw'),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
    /** Add this zone's level sets for the parameter (its thresholds), for a chart. */
    zoneId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['from'] });
const forecastQuery = z.object({ stationId, at: instantSchema.optional() }).strict();

@Access('planner', 'operator')
@Controller('v1/observations')
export class ObservationsController {
  constructor(
    private readonly observations: ObservationsRepository,
    private readonly forecasts: SeaLevelForecastsRepository,
    private readonly zones: ZonesRepository,
  ) {}

  // The risk map's gauges and charts read these, so they are as public as the map.
  @Get('latest')
  @PublicRead('planner', 'operator')
  latest(@Query(new ZodValidationPipe(latestQuery)) query: z.infer<typeof latestQuery>) {
    return this.observations.latest(query);
  }

  @Get('series')
  @PublicRead('planner', 'operator')
  async series(@Query(new ZodValidationPipe(seriesQuery)) query: z.infer<typeof seriesQuery>) {
    const { zoneId, ...range } = query;
    const points = await this.observations.series({ ...range, from: new Date(query.from), to: new Date(query.to) });
    const answer = { stationId: query.stationId, parameter: query.parameter, resolution: query.resolution, points };
    if (!zoneId) return answer;
    const zone = await this.zones.get(zoneId);
    if (!zone) throw new NotFoundException({ error: 'zone-not-found', message: `zone ${zoneId} does not exist` });
    const levelSetIds = new Set(zone.rules.flatMap((r) => (r.spec.kind === 'threshold' && r.spec.parameter === query.parameter ? [r.spec.levelSetId] : [])));
    // Every level set of a rule on this parameter, and the zone's other sets beside them (today's and 2050's).
    const thresholds = levelSetIds.size > 0 ? zone.levelSets : [];
    return { ...answer, zoneId, thresholds: thresholds.map((l) => ({ ...l, usedByRules: levelSetIds.has(l.id) })) };
  }

  /** The newest storm-surge forecast run for a gauge made by `at` (default now): what was forecast then. */
  @Get('forecasts/sea-level')
  @PublicRead('planner', 'operator')
  async forecast(@Query(new ZodValidationPipe(forecastQuery)) query: z.infer<typeof forecastQuery>) {
    const forecast = await this.forecasts.latest(query.stationId, query.at ? new Date(query.at) : new Date());
    if (!forecast) throw new NotFoundException({ error: 'forecast-not-found', message: `no forecast for ${query.stationId} made by ${query.at ?? 'now'}` });
    return forecast;
  }
}
