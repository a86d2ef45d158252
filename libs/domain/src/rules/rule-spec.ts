// Rules as data: what a planner attaches to a zone (editable through the API, versioned), not code.
import type { ParameterId } from '../observations/observation';
import type { Hazard, Severity } from '../zones/hazard';

/** One severity step of a threshold: entered at or above `enter`, left only below `leave` (hysteresis). */
export interface ThresholdLevel {
  severity: Severity;
  /** In the parameter's canonical unit (metres DVR90 for levels). */
  enter: number;
  leave: number;
  /** What it means on the ground, e.g. "Nordre Havnevej closed". */
  label: string;
}

/**
 * A versioned set of levels with its vertical datum, so today's set can stand beside a 2050 set that adds
 * sea-level rise. Rules refer to a level set by id.
 */
export interface LevelSet {
  id: string;
  name: string;
  version: number;
  datum: 'DVR90' | 'none';
  /** e.g. "today", "2050 RCP4.5 (+0.30 m)". */
  scenario: string;
  levels: ThresholdLevel[];
}

export type RuleSpec =
  | {
      kind: 'threshold';
      parameter: ParameterId;
      levelSetId: string;
      /** The level must hold this long before the severity is raised (0 = at once). */
      minDurationMs: number;
    }
  | {
      kind: 'rate-of-rise';
      parameter: ParameterId;
      /** Rise (canonical units) per hour over `windowMs` that counts as dangerous. */
      risePerHour: number;
      windowMs: number;
      severity: Severity;
    }
  | {
      kind: 'accumulation';
      /** 10-minute precipitation values summed over a rolling window. */
      parameter: 'precip_past10min';
      windowMs: number;
      levelSetId: string;
    }
  | {
      kind: 'compound';
      /** High water AND onshore wind from a sector (degrees, clockwise from `fromDeg` to `toDeg`). */
      seaLevelEnterM: number;
      seaLevelLeaveM: number;
      windFromDeg: number;
      windToDeg: number;
      minWindSpeedMs: number;
      severity: Severity;
    }
  | {
      kind: 'forecast';
      /** Early warning: a storm-surge forecast peak at or above `levelSetId`'s levels within `horizonMs`. */
      levelSetId: string;
      horizonMs: number;
    }
  | {
      kind: 'stale';
      /** A gauge silent for longer than this is stale (its cadence plus slack). */
      maxSilenceMs: number;
    };

export interface ZoneRule {
  id: string;
  hazard: Hazard;
  spec: RuleSpec;
  /** With several gauges: at least `k` must agree (silent or suspect gauges do not vote). Default 1. */
  quorum?: { k: number };
  enabled: boolean;
}
