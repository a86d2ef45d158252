// What stage one (keyed by station) hands to stage two (keyed by zone): a station's verdict on a zone rule,
// or an observation a zone-level rule (compound: sea level and wind) needs as it is.
import type { Observation } from '../observations/observation';
import type { StationVerdict } from '../rules/verdict';

export type ZoneInput =
  | { kind: 'verdict'; zoneId: string; verdict: StationVerdict }
  | { kind: 'observation'; zoneId: string; observation: Observation };
