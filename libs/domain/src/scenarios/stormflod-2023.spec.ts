import { stormflod2023 } from './stormflod-2023';

describe('the synthetic 2023 storm-surge scenario', () => {
  const scenario = stormflod2023();
  const series = (stationId: string, parameter: string) =>
    scenario.observations.filter((o) => o.stationId === stationId && o.parameter === parameter);
  const peak = (values: { value: number; observedAt: string }[]) => values.reduce((a, b) => (b.value > a.value ? b : a));

  it('is marked synthetic', () => {
    expect(scenario.synthetic).toBe(true);
    expect(scenario.note).toMatch(/SYNTHETIC/);
    expect(scenario.observations.every((o) => o.source === 'replay')).toBe(true);
  });

  it('passes through the documented peaks: Assens 2.02 m, Faaborg 2.05 m, forecast 1.83 m at 03:00', () => {
    expect(peak(series('9020201', 'sea_level'))).toMatchObject({ value: 2.02, observedAt: '2023-10-21T02:40:00.000Z' });
    expect(peak(series('9020301', 'sea_level')).value).toBe(2.05);
    expect(peak(scenario.forecasts[0].points.map((p) => ({ value: p.levelM, observedAt: p.at })))).toEqual({ value: 1.83, observedAt: '2023-10-21T03:00:00.000Z' });
  });

  it('rises above 1.25 m for hours and falls back below 1.00 m', () => {
    const assens = series('9020201', 'sea_level');
    expect(assens.filter((o) => o.value >= 1.25).length * 10).toBeGreaterThan(300);
    expect(assens[assens.length - 1].value).toBeLessThan(0.95);
    expect(assens[0].value).toBeLessThan(0.95);
  });

  it('has an easterly storm and a cloudburst over 15 mm in 30 minutes', () => {
    const dirs = series('06123', 'wind_dir').filter((_, i) => series('06123', 'wind_speed')[i].value > 15);
    expect(dirs.length).toBeGreaterThan(0);
    expect(dirs.every((d) => d.value >= 60 && d.value <= 150)).toBe(true);
    const rain = series('06123', 'precip_past10min').map((o) => o.value);
    const max30 = Math.max(...rain.map((_, i) => rain.slice(i, i + 3).reduce((a, b) => a + b, 0)));
    expect(max30).toBeGreaterThan(15);
  });

  it('is deterministic', () => {
    expect(stormflod2023()).toEqual(scenario);
  });
});
