// Owns event-time completeness per source: how far a feed has fully published a station's data (its own word,
// relayed by stage one), and the frontier a zone rule may be judged up to. Only the feeds' announcements move
// it; the one concession to the clock is idleness (a feed that stopped announcing), decided outside and
// recorded as an input, so replaying the same inputs gives the same frontier.
import { instantMs } from '../rules/rule-series';

/** One station as one feed sees it: `observations/<stationId>` or `forecasts/<stationId>`. */
export type SourceId = string;

export const observationSource = (stationId: string): SourceId => `observations/${stationId}`;
export const forecastSource = (stationId: string): SourceId => `forecasts/${stationId}`;
export const isForecastSource = (source: SourceId): boolean => source.startsWith('forecasts/');

/** How far one source is complete. Plain data. */
export interface SourceProgress {
  /** Everything the source observed before this instant (exclusive) has been handed on; null: nothing yet. */
  at: string | null;
  /** The first completeness the source announced: a station that never spoke is silent counted from here. */
  since: string | null;
  /** The source stopped announcing for a while (wall clock, decided outside): it holds no rule back. */
  idle: boolean;
}

export type SourceProgressMap = Readonly<Record<SourceId, SourceProgress>>;

/**
 * The instant a rule over `sources` can be judged up to (exclusive): the least complete of them that is not
 * idle. Null while one of them has never announced and is not idle (its data may be older than anyone's), or
 * when none of them has a known position.
 */
export function frontierOf(progress: SourceProgressMap, sources: readonly SourceId[]): string | null {
  let least: string | null = null;
  for (const source of sources) {
    const p = progress[source];
    if (p?.idle) continue;
    if (!p || p.at === null) return null;
    if (least === null || instantMs(p.at) < instantMs(least)) least = p.at;
  }
  return least;
}

/** Applies an announcement; an older (re-delivered) position changes nothing, idleness follows the newest word. */
export function advanceSourceProgress(
  progress: SourceProgressMap,
  source: SourceId,
  report: { at: string | null; idle: boolean },
): SourceProgressMap {
  const held = progress[source];
  const newer = report.at !== null && (!held?.at || instantMs(report.at) > instantMs(held.at));
  const at = newer ? report.at : (held?.at ?? null);
  // Any position announced ends idleness; an idle flag without a position keeps the position held.
  const idle = report.at !== null ? false : report.idle;
  if (held && held.at === at && held.idle === idle) return progress;
  return { ...progress, [source]: { at, since: held?.since ?? at, idle } };
}
