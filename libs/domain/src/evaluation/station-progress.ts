// Owns a feed's word on completeness: "everything this station observed before this instant has been published".
import type { ObservationSource } from '../observations/observation';

/** The storm-surge forecast feed, beside the observation sources. */
export type ProgressFeed = ObservationSource | 'dmi-dkss';

/**
 * Published by a feed on the same topic and key as the station's data, after that data was acknowledged, so a
 * consumer that reads it has read everything it vouches for (Kafka keeps a key's records in order).
 */
export interface StationProgress {
  kind: 'station-progress';
  stationId: string;
  feed: ProgressFeed;
  /** Exclusive: values observed at or after this instant may still come. */
  completeUpTo: string;
  /** Wall-clock time of the announcement (for operators; never used to judge). */
  announcedAt: string;
}

export function isStationProgress(record: object): record is StationProgress {
  return (record as { kind?: unknown }).kind === 'station-progress';
}
