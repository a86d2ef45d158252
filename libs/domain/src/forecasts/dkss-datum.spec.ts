// Tests the DKSS → DVR90 correction: the gauge's own bias, none for others, float noise rounded off, inputs kept.
import { dvr90Forecast } from './dkss-datum';

const series = {
  stationId: '9020201',
  collection: 'dkss_lb',
  points: [
    { at: '2023-10-21T02:00:00.000Z', levelM: 1.7 },
    { at: '2023-10-21T03:00:00.000Z', levelM: 1.83 },
  ],
};

describe('dvr90Forecast', () => {
  it("adds the gauge's bias to every point and says which bias it applied", () => {
    const out = dvr90Forecast(series, { '9020201': -0.05, '9020301': 0.02 });
    expect(out.points).toEqual([
      { at: '2023-10-21T02:00:00.000Z', levelM: 1.65 },
      { at: '2023-10-21T03:00:00.000Z', levelM: 1.78 },
    ]);
    expect(out).toMatchObject({ stationId: '9020201', collection: 'dkss_lb', biasM: -0.05 });
  });

  it('leaves a gauge without a configured bias as DKSS gave it, bias 0; ids match exactly (leading zeros kept)', () => {
    expect(dvr90Forecast(series, { '020201': 0.1 })).toEqual({ ...series, biasM: 0 });
    expect(dvr90Forecast({ ...series, stationId: '06123' }, { '6123': 0.1 }).biasM).toBe(0);
    expect(dvr90Forecast({ ...series, stationId: '06123' }, { '06123': 0.1 }).biasM).toBe(0.1);
    expect(dvr90Forecast({ ...series, stationId: 'toString' }, {}).biasM).toBe(0);
  });

  it('never mutates the series', () => {
    const copy = structuredClone(series);
    dvr90Forecast(series, { '9020201': 0.3 });
    expect(series).toEqual(copy);
  });
});
