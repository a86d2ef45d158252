// sea-level-forecasts.v1: DMI storm-surge (DKSS) forecast series per coastal gauge, with the model run kept.
import { z } from 'zod';
import type { EventContract } from './event-contract';

const instant = z.string().datetime({ offset: true });

export const seaLevelForecastV1Schema = z
  .object({
    stationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/),
    /** DKSS model domain, e.g. `dkss_lb` (Little Belt) or `dkss_idw` (inner Danish waters). */
    collection: z.string(),
    /** The model run the series comes from; null when DMI did not say. */
    runTime: instant.nullable(),
    /** When Klimavagt fetched it. */
    fetchedAt: instant,
    /** The model grid point DMI answered for, [lon, lat]. */
    gridPoint: z.tuple([z.number(), z.number()]),
    /** Metres DVR90: DKSS's sea-mean deviation with the gauge's `biasM` already added. */
    points: z.array(z.object({ at: instant, levelM: z.number().finite() })).max(2_000),
    /**
     * The per-gauge bias (DKSS_BIAS_M, observed − forecast) ingest added to every point, so the correction can be
     * audited and undone. Absent on events from before it existed: 0, the points are DKSS as published.
     */
    biasM: z.number().finite().optional(),
  })
  .strict();
export type SeaLevelForecastV1 = z.infer<typeof seaLevelForecastV1Schema>;

export const SeaLevelForecastsV1: EventContract<SeaLevelForecastV1> = {
  topic: 'sea-level-forecasts.v1',
  keyOf: (f) => f.stationId,
  schema: seaLevelForecastV1Schema,
};
