// Owns tying an alert to the robustness initiatives of its zone and hazard: which cover it, and whether the
// highest level the episode saw exceeded their design level ("protection overtopped").
import type { Initiative, InitiativeAssessment } from '../initiatives/initiative';
import { DVR90_PARAMETERS, assessInitiatives } from '../initiatives/initiative';
import type { ParameterId } from '../observations/observation';
import type { DecidingValue } from '../rules/verdict';
import type { Alert } from './alert';

export interface EpisodePeak {
  parameter: ParameterId;
  value: number;
  observedAt: string;
  /** A forecast peak says the protection *will* be overtopped, not that it was. */
  forecast: boolean;
}

export interface AlertCoverage extends InitiativeAssessment {
  peak: EpisodePeak | null;
  /** At least one covering initiative's design level was exceeded by the peak. */
  overtopped: boolean;
}

/** The episode's peak after one more deciding value: observed values win over forecasts of the same height. */
export function nextEpisodePeak(peak: EpisodePeak | null, decidedBy: DecidingValue | undefined): EpisodePeak | null {
  if (!decidedBy || !DVR90_PARAMETERS.includes(decidedBy.parameter)) return peak;
  if (decidedBy.measure !== 'value' && decidedBy.measure !== 'forecast-peak') return peak;
  const candidate: EpisodePeak = {
    parameter: decidedBy.parameter,
    value: decidedBy.value,
    observedAt: decidedBy.observedAt,
    forecast: decidedBy.measure === 'forecast-peak',
  };
  if (!peak || peak.parameter !== candidate.parameter) return peak ?? candidate;
  return candidate.value > peak.value || (candidate.value === peak.value && peak.forecast && !candidate.forecast) ? candidate : peak;
}

export function alertCoverage(alert: Pick<Alert, 'zoneId' | 'hazard'>, initiatives: readonly Initiative[], peak: EpisodePeak | null): AlertCoverage {
  // An operational alert has no zone, so no initiative covers it (nor is it "uncovered").
  if (alert.zoneId === null || alert.hazard === null) return { covering: [], uncovered: false, peak: null, overtopped: false };
  const assessment = assessInitiatives(initiatives, {
    zoneId: alert.zoneId,
    hazard: alert.hazard,
    ...(peak ? { observedPeak: { parameter: peak.parameter, value: peak.value } } : {}),
  });
  return { ...assessment, peak, overtopped: assessment.covering.some((c) => c.overtopped === true) };
}
