// Owns the values the evaluator's two stages hand on: a station's verdict on a rule and a zone's outcome.
import type { ParameterId } from '../observations/observation';
import type { Hazard, Severity } from '../zones/hazard';

/** What was compared with the level: the value itself, a rolling sum, a rise per hour, or a forecast peak. */
export type DecidingMeasure = 'value' | 'window-sum' | 'rise-per-hour' | 'forecast-peak';

/** The value that decided a severity, so an operator can see why ("1.27 m at 9020201, 21 Oct 02:10"). */
export interface DecidingValue {
  stationId: string;
  parameter: ParameterId;
  /** Event time: the observation's `observedAt`, or the forecast point's `at`. */
  observedAt: string;
  /** The quantity compared with the level, in the parameter's canonical unit (per hour for a rise). */
  value: number;
  measure: DecidingMeasure;
  /** Forecast only: the model run the point comes from (null when DMI did not say). */
  forecastRunTime?: string | null;
}

/** `suspect`: the newest value was flagged (spike, flat-line, provider QC), so the station does not vote. */
export type StationStatus = 'ok' | 'suspect';

/** One station's verdict on one zone rule, as of the observation at `at`. Plain data. */
export interface StationVerdict {
  zoneId: string;
  ruleId: string;
  hazard: Hazard;
  stationId: string;
  severity: Severity | null;
  status: StationStatus;
  /** What the rule measured at `at` (level, window sum, rise per hour); null when it could not. */
  measured: number | null;
  /** The value at which the severity last changed; absent until it first did. */
  decidedBy?: DecidingValue;
  /** `observedAt` of the observation that produced this verdict (event time, never the clock). */
  at: string;
  /** Forecast verdicts only: the model run judged. */
  runTime?: string | null;
  /**
   * Stage one re-judged the station after a corrected or late value: this verdict replaces the one held for
   * the same instant (or later) rather than being ignored as not newer.
   */
  revised?: boolean;
}

/** A station's part in a zone's decision; silent and suspect stations are listed but do not vote. */
export interface Vote {
  stationId: string;
  severity: Severity | null;
  status: 'ok' | 'suspect' | 'silent';
}

/** `unknown`: too few stations can vote to say anything, which is never the same as "clear". */
export type ZoneState = Severity | null | 'unknown';

/** A zone's conclusion for one rule. */
export interface ZoneRuleOutcome {
  zoneId: string;
  ruleId: string;
  hazard: Hazard;
  state: ZoneState;
  /** Sorted by station id, so equal inputs give equal (and equally serialised) outcomes. */
  votes: Vote[];
  decidedBy?: DecidingValue;
  /**
   * While the zone is (or just stopped being) at a severity: the highest value a voting station measured since
   * it left clear — what planners compare with initiatives' design levels. Threshold and forecast rules only.
   */
  peak?: DecidingValue;
  /** Event time of the decision: the evaluator's watermark. */
  at: string;
}
