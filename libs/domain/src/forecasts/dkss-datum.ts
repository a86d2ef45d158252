// Owns bringing a DKSS storm-surge series onto DVR90 at a gauge: the per-station bias (model zero − DVR90) added
// once, where forecasts enter Klimavagt, so every consumer (forecast rule, stored runs, risk-map chart) reads
// the same corrected levels and the event says which bias was applied.
import { roundDerived } from '../rules/rule-series';

/** Metres, observed − forecast, per station id (leading zeros kept); a station not listed has bias 0. */
export type DkssBiases = Readonly<Record<string, number>>;

/** A bias this large is a wrong sign or unit (cm for m), not a datum offset: DKSS and DVR90 differ by centimetres. */
export const DKSS_BIAS_LIMIT_M = 0.5;

export interface DkssSeries {
  stationId: string;
  points: readonly { at: string; levelM: number }[];
}

/** The series with `biasM` added to every point (rounded off float noise), and the bias it applied. */
export function dvr90Forecast<T extends DkssSeries>(series: T, biases: DkssBiases): Omit<T, 'points'> & { points: { at: string; levelM: number }[]; biasM: number } {
  const biasM = Object.prototype.hasOwnProperty.call(biases, series.stationId) ? biases[series.stationId] : 0;
  return {
    ...series,
    points: series.points.map((p) => ({ at: p.at, levelM: biasM === 0 ? p.levelM : roundDerived(p.levelM + biasM) })),
    biasM,
  };
}
