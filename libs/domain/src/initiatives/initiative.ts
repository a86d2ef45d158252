// Robustness initiatives ("indsatser"): what the municipality and its partners do about a hazard in a zone, to
// which level it protects, and how to tell whether that protection held against an observed peak.
import type { ParameterId } from '../observations/observation';
import { PARAMETERS } from '../observations/parameters';
import type { Hazard } from '../zones/hazard';

/** Physical works, planning rules, emergency response, knowledge (studies, mapping). */
export const MEASURE_TYPES = ['physical', 'planning', 'emergency', 'knowledge'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const INITIATIVE_STATUSES = ['planned', 'in-progress', 'done'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** Parameters measured against a vertical datum: their design levels are DVR90, every other one has none. */
export const DVR90_PARAMETERS: readonly ParameterId[] = ['sea_level', 'water_level'];

/** The level an initiative is built or planned to withstand, e.g. "protects to 1.80 m DVR90". */
export interface DesignLevel {
  parameter: ParameterId;
  value: number;
  /** One of the parameter's accepted units (PARAMETERS[parameter].acceptedUnits): "m" or "cm" for levels. */
  unit: string;
  datum: 'DVR90' | 'none';
  description: string;
}

/** A measurable indicator: where it started, where it should get to, and by when. */
export interface InitiativeIndicator {
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  year: number | null;
}

/** The document the initiative comes from (plan, study, utility programme). */
export interface InitiativeSource {
  title: string;
  year: number | null;
  url?: string;
}

export interface Initiative {
  id: string;
  title: string;
  hazards: Hazard[];
  /** Adaptation zones the initiative covers. */
  zoneIds: string[];
  measureType: MeasureType;
  /** A municipal department, Assens Forsyning, Beredskab Fyn, a partner. */
  owner: string;
  status: InitiativeStatus;
  targetYear: number | null;
  /** ISO date (YYYY-MM-DD) the initiative went live: events before it are "before", events after it "after". */
  liveSince: string | null;
  designLevel: DesignLevel | null;
  indicators: InitiativeIndicator[];
  source: InitiativeSource;
  /** Some detail (status, zones, year, design) is inferred, not read in the source: say so wherever it is shown. */
  illustrative: boolean;
  /** What is inferred and why, or anything else a planner should know. */
  notes: string | null;
}

export interface InitiativeAssessmentQuery {
  zoneId: string;
  hazard: Hazard;
  /** The highest value observed in an event, in the parameter's canonical unit (sea level: m DVR90). */
  observedPeak?: { parameter: ParameterId; value: number };
}

export interface CoveringInitiative {
  id: string;
  title: string;
  status: InitiativeStatus;
  liveSince: string | null;
  designLevel: DesignLevel | null;
  /**
   * True when the observed peak exceeded the design level (a peak exactly at the level is held); false when it
   * stayed at or below it; null when there is no peak, no design level, a design level for another parameter,
   * or one that cannot be compared (a unit the parameter does not accept, a level without its datum).
   */
  overtopped: boolean | null;
}

export interface InitiativeAssessment {
  /** Initiatives covering the zone for the hazard, in the order given, whatever their status. */
  covering: CoveringInitiative[];
  /** No initiative covers the zone for the hazard. */
  uncovered: boolean;
}

/** The design level in the parameter's canonical unit, or null when it cannot be compared with observations. */
export function canonicalDesignValue(level: DesignLevel): number | null {
  const spec = PARAMETERS[level.parameter];
  if (!spec || !Object.prototype.hasOwnProperty.call(spec.acceptedUnits, level.unit)) return null;
  const wantedDatum = DVR90_PARAMETERS.includes(level.parameter) ? 'DVR90' : 'none';
  if (level.datum !== wantedDatum || !Number.isFinite(level.value)) return null;
  return spec.acceptedUnits[level.unit](level.value);
}

function overtopped(level: DesignLevel | null, peak: InitiativeAssessmentQuery['observedPeak']): boolean | null {
  if (!level || !peak || level.parameter !== peak.parameter || !Number.isFinite(peak.value)) return null;
  const design = canonicalDesignValue(level);
  return design === null ? null : peak.value > design;
}

/**
 * Which initiatives cover a zone for a hazard, and for an observed peak, whether each one's protection was
 * overtopped ("protection overtopped") — or that none covers it ("no initiative covers it").
 */
export function assessInitiatives(initiatives: readonly Initiative[], query: InitiativeAssessmentQuery): InitiativeAssessment {
  const covering = initiatives
    .filter((i) => i.zoneIds.includes(query.zoneId) && i.hazards.includes(query.hazard))
    .map(
      (i): CoveringInitiative => ({
        id: i.id,
        title: i.title,
        status: i.status,
        liveSince: i.liveSince,
        designLevel: i.designLevel,
        overtopped: overtopped(i.designLevel, query.observedPeak),
      }),
    );
  return { covering, uncovered: covering.length === 0 };
}
