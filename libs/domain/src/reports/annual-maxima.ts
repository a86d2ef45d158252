// Owns annual maxima of a gauge series and the linear trend through them (how fast the yearly peak is rising).
import { orderedSamples, utcYear, type SeriesSample } from './report-series';

export interface AnnualMaximum {
  year: number;
  valueM: number;
  /** When the maximum was reached: the earliest time, if it was reached more than once. */
  at: string;
}

export interface LinearTrend {
  /** Rise of the fitted line per year, m/yr (0.005 is 5 mm a year). */
  slopeMPerYear: number;
  /** The fitted line's value at year 0: valueM ≈ interceptM + slopeMPerYear × year. */
  interceptM: number;
  /** Points the line was fitted to. */
  years: number;
}

/**
 * The highest value of each UTC calendar year, years ascending. Of samples at the same instant the last given
 * is used (as in every report); samples without a readable time or a finite value are left out.
 */
export function annualMaxima(series: readonly SeriesSample[]): AnnualMaximum[] {
  const byYear = new Map<number, AnnualMaximum>();
  for (const s of orderedSamples(series)) {
    const year = utcYear(s.atMs);
    const best = byYear.get(year);
    // Samples come oldest first, so a strict `>` keeps the earliest of equal maxima.
    if (!best || s.value > best.valueM) byYear.set(year, { year, valueM: s.value, at: s.at });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * Ordinary least squares of valueM on year. Null with fewer than 2 distinct years, where no line is defined.
 * Points with a non-finite year or value are left out. Sums are taken around the mean year, so years near
 * 2000 lose no precision to their squares.
 */
export function linearTrend(points: readonly { year: number; valueM: number }[]): LinearTrend | null {
  const usable = points.filter((p) => Number.isFinite(p.year) && Number.isFinite(p.valueM));
  if (new Set(usable.map((p) => p.year)).size < 2) return null;
  const n = usable.length;
  const meanYear = usable.reduce((sum, p) => sum + p.year, 0) / n;
  const meanM = usable.reduce((sum, p) => sum + p.valueM, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of usable) {
    sxy += (p.year - meanYear) * (p.valueM - meanM);
    sxx += (p.year - meanYear) ** 2;
  }
  const slopeMPerYear = sxy / sxx;
  return { slopeMPerYear, interceptM: meanM - slopeMPerYear * meanYear, years: n };
}
