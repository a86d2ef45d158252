import { annualMaxima, linearTrend } from './annual-maxima';

describe('annualMaxima', () => {
  it('takes the highest value of each UTC year, years ascending, the earliest of equal maxima', () => {
    const series = [
      { at: '2022-11-01T00:00:00Z', value: 1.4 },
      { at: '2021-03-01T00:00:00Z', value: 1.1 },
      { at: '2021-12-31T23:50:00Z', value: 1.6 }, // still 2021 in UTC
      { at: '2022-01-10T00:00:00Z', value: 1.4 },
      { at: '2021-01-05T00:00:00Z', value: 0.7 },
    ];
    expect(annualMaxima(series)).toEqual([
      { year: 2021, valueM: 1.6, at: '2021-12-31T23:50:00Z' },
      { year: 2022, valueM: 1.4, at: '2022-01-10T00:00:00Z' },
    ]);
  });

  it('uses the last given of duplicate samples', () => {
    const series = [
      { at: '2023-10-20T12:00:00Z', value: 2.5 }, // a spike, later corrected
      { at: '2023-10-20T11:50:00Z', value: 1.9 },
      { at: '2023-10-20T12:00:00Z', value: 2.02 },
    ];
    expect(annualMaxima(series)).toEqual([{ year: 2023, valueM: 2.02, at: '2023-10-20T12:00:00Z' }]);
  });

  it('gives nothing for an empty series', () => {
    expect(annualMaxima([])).toEqual([]);
  });
});

describe('linearTrend', () => {
  it('finds a rise of exactly 5 mm a year', () => {
    const points = [2000, 2001, 2002, 2003, 2004, 2005].map((year) => ({
      year,
      valueM: 1.2 + 0.005 * (year - 2000),
    }));
    const trend = linearTrend(points)!;
    expect(trend.slopeMPerYear).toBeCloseTo(0.005, 12);
    expect(trend.interceptM).toBeCloseTo(1.2 - 0.005 * 2000, 9);
    expect(trend.years).toBe(6);
  });

  it('fits the least-squares line through scattered points, in any order', () => {
    // By hand: mean year 2011, mean 1.5 m; Σ(x−x̄)(y−ȳ) = 0.1 + 0.1, Σ(x−x̄)² = 2, so 0.1 m/yr.
    const points = [
      { year: 2012, valueM: 1.6 },
      { year: 2010, valueM: 1.4 },
      { year: 2011, valueM: 1.5 },
    ];
    const trend = linearTrend(points)!;
    expect(trend.slopeMPerYear).toBeCloseTo(0.1, 12);
    expect(trend.interceptM + trend.slopeMPerYear * 2011).toBeCloseTo(1.5, 9);
  });

  it('fits annual maxima straight from annualMaxima', () => {
    const series = [2019, 2020, 2021].map((year, i) => ({
      at: `${year}-10-01T00:00:00Z`,
      value: 1 + 0.01 * i,
    }));
    expect(linearTrend(annualMaxima(series))?.slopeMPerYear).toBeCloseTo(0.01, 12);
  });

  it('is null with fewer than 2 distinct years', () => {
    expect(linearTrend([])).toBeNull();
    expect(linearTrend([{ year: 2020, valueM: 1 }])).toBeNull();
    expect(
      linearTrend([
        { year: 2020, valueM: 1 },
        { year: 2020, valueM: 2 },
      ]),
    ).toBeNull();
    expect(
      linearTrend([
        { year: 2020, valueM: 1 },
        { year: Number.NaN, valueM: 2 },
      ]),
    ).toBeNull();
  });

  it('fits a flat line when the values do not change, and takes repeated years as extra points', () => {
    const trend = linearTrend([
      { year: 2020, valueM: 1 },
      { year: 2020, valueM: 1 },
      { year: 2021, valueM: 1 },
    ]);
    expect(trend).toEqual({ slopeMPerYear: 0, interceptM: 1, years: 3 });
  });
});
