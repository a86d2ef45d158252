// Owns event-time progress across stage one's input partitions: how far every partition has been read, and
// the low watermark stage two measures silence against, so a partition read ahead of another (a replay, a
// backlog after an outage) never makes the other partition's gauges look silent. Only data moves it; the
// one concession to the clock is idleness, decided outside (stage one's shell) and reported as a flag.
import { instantMs } from '../rules/rule-series';

/** How far one source partition (e.g. `observations.v1/2`) has been read, in event time. Plain data. */
export interface PartitionProgress {
  /**
   * Newest `observedAt` read from the partition, never moved back; null while a partition known to hold
   * unread records has not been read at all (it holds everything back: its data may be older than anyone's).
   */
  at: string | null;
  /**
   * Nothing arrived on the partition for a while (wall clock): it has nothing late to say, so it holds no
   * one back. Without this, a partition whose every station went quiet would freeze silence for all.
   */
  idle: boolean;
}

export type PartitionProgressMap = Readonly<Record<string, PartitionProgress>>;

/**
 * The event time every source has reached: the oldest partition that is not idle, or, when all are, the
 * newest of them all. Partitions never heard of are not waited for. Null when nothing is known.
 */
export function lowWatermarkOf(progress: PartitionProgressMap): string | null {
  const behind = Object.values(progress).filter((p) => !p.idle);
  if (behind.some((p) => p.at === null)) return null;
  const known = (behind.length > 0 ? behind : Object.values(progress)).flatMap((p) => (p.at === null ? [] : [p.at]));
  if (known.length === 0) return null;
  const pick = behind.length > 0 ? Math.min : Math.max;
  const ms = pick(...known.map(instantMs));
  return known.find((at) => instantMs(at) === ms)!;
}

/** Applies a newer report for one source; an older (re-delivered) one changes nothing. */
export function advancePartitionProgress(
  progress: PartitionProgressMap,
  source: string,
  report: PartitionProgress,
): PartitionProgressMap {
  const held = progress[source];
  const at = report.at === null ? (held?.at ?? null) : report.at;
  if (held?.at && at && instantMs(at) < instantMs(held.at)) return progress;
  if (held && held.at === at && held.idle === report.idle) return progress;
  return { ...progress, [source]: { at, idle: report.idle } };
}
