// station-progress.v1: a feed's word that it has published everything a station observed before an instant. It
// travels on the topic and key of the station's own data (observations.v1, sea-level-forecasts.v1), so a consumer
// that reads it has already read every record it vouches for; consumers of those topics read both kinds.
import { z } from 'zod';
import type { Observation, StationProgress } from '@klimavagt/domain';
import type { EventContract } from './event-contract';
import { observationV1Schema, ObservationsV1 } from './observations.v1';
import { seaLevelForecastV1Schema, SeaLevelForecastsV1, type SeaLevelForecastV1 } from './sea-level-forecasts.v1';

const instant = z.string().datetime({ offset: true });

export const stationProgressV1Schema = z
  .object({
    kind: z.literal('station-progress'),
    stationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/),
    feed: z.enum(['dmi-metobs', 'dmi-oceanobs', 'sensor-batch', 'sensor-ttn', 'sensor-sensorthings', 'replay', 'dmi-dkss']),
    completeUpTo: instant,
    announcedAt: instant,
  })
  .strict();

/** Station progress of an observation feed, on observations.v1. */
export const ObservationProgressV1: EventContract<StationProgress> = {
  topic: ObservationsV1.topic,
  keyOf: (p) => p.stationId,
  schema: stationProgressV1Schema,
};

/** Station progress of the storm-surge feed, on sea-level-forecasts.v1. */
export const ForecastProgressV1: EventContract<StationProgress> = {
  topic: SeaLevelForecastsV1.topic,
  keyOf: (p) => p.stationId,
  schema: stationProgressV1Schema,
};

/** A record with `kind: "station-progress"` is progress, anything else the topic's data (with its own errors). */
function eitherOr<T>(data: z.ZodType<T, z.ZodTypeDef, unknown>): z.ZodType<T | StationProgress, z.ZodTypeDef, unknown> {
  return z.unknown().transform((value, ctx) => {
    const isProgress = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'station-progress';
    const parsed = (isProgress ? stationProgressV1Schema : data).safeParse(value);
    if (parsed.success) return parsed.data as T | StationProgress;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: z.ZodIssueCode.custom, message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

/** Everything on observations.v1, for its consumers: observations and their feeds' progress. */
export const ObservationStreamV1: EventContract<Observation | StationProgress> = {
  topic: ObservationsV1.topic,
  keyOf: (r) => r.stationId,
  schema: eitherOr(observationV1Schema as z.ZodType<Observation, z.ZodTypeDef, unknown>),
};

/** Everything on sea-level-forecasts.v1, for its consumers: model runs and the feed's progress per gauge. */
export const ForecastStreamV1: EventContract<SeaLevelForecastV1 | StationProgress> = {
  topic: SeaLevelForecastsV1.topic,
  keyOf: (r) => r.stationId,
  schema: eitherOr(seaLevelForecastV1Schema),
};
