// What stage one (keyed by station) hands to stage two (keyed by zone): a station's verdict on a zone rule,
// an observation a zone-level rule (compound: sea level and wind) needs as it is, or how far a source (one
// station as one feed sees it) is complete — relayed from the feed's own word, or `idle` when it fell silent.
import type { Observation } from '../observations/observation';
import type { StationVerdict } from '../rules/verdict';

export type ZoneInput =
  | {
      kind: 'verdict';
      zoneId: string;
      verdict: StationVerdict;
      /**
       * A revised verdict (stage one re-judged the station after a correction) takes effect here: the station's
       * completeness when the correction was read, so every stage-two run applies it at the same instant.
       */
      effectiveAt?: string;
    }
  | { kind: 'observation'; zoneId: string; observation: Observation }
  | { kind: 'progress'; zoneId: string; source: string; at: string | null; idle: boolean };
