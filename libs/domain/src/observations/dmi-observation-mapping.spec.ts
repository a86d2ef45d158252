import {
  isProviderRejectedQcStatus,
  mapDmiObservation,
  type DmiMappingContext,
  type DmiObservationProperties,
} from './dmi-observation-mapping';

const receivedAt = new Date('2023-10-20T21:05:00.000Z');
const ocean = { source: 'dmi-oceanobs' as const, receivedAt };
const met = { source: 'dmi-metobs' as const, receivedAt };

function props(overrides: Partial<DmiObservationProperties>): DmiObservationProperties {
  return {
    parameterId: 'sea_reg',
    stationId: '9020201',
    observed: '2023-10-20T21:00:00Z',
    created: '2023-10-20T21:02:13Z',
    value: 152,
    ...overrides,
  };
}
function observationOf(p: DmiObservationProperties, ctx: DmiMappingContext = met) {
  const r = mapDmiObservation(p, ctx);
  if (r.kind !== 'observation') throw new Error(`expected an observation, got ${JSON.stringify(r)}`);
  return r.observation;
}

describe('mapDmiObservation: sea level', () => {
  it('maps sea_reg 152 cm (Kystdirektoratet, Assens 9020201) to sea_level 1.52 m', () => {
    expect(mapDmiObservation(props({}), ocean)).toEqual({
      kind: 'observation',
      observation: {
        stationId: '9020201',
        parameter: 'sea_level',
        observedAt: '2023-10-20T21:00:00.000Z',
        value: 1.52,
        unit: 'm',
        source: 'dmi-oceanobs',
        quality: 'ok',
        createdAt: '2023-10-20T21:02:13.000Z',
        receivedAt: '2023-10-20T21:05:00.000Z',
      },
    });
  });

  it('maps sealev_dvr cm to sea_level metres the same way, negatives included', () => {
    const o = observationOf(props({ parameterId: 'sealev_dvr', stationId: '28548', value: -37 }), ocean);
    expect(o.parameter).toBe('sea_level');
    expect(o.value).toBe(-0.37);
  });

  it('ignores sealev_ln as unsupported-datum rather than mixing a local zero with DVR90', () => {
    const r = mapDmiObservation(props({ parameterId: 'sealev_ln' }), ocean);
    expect(r).toMatchObject({ kind: 'ignored', reason: { code: 'unsupported-datum', field: 'parameterId' } });
  });

  it('rejects a sea level outside -3..5 m after conversion', () => {
    const r = mapDmiObservation(props({ value: 620 }), ocean);
    expect(r).toMatchObject({ kind: 'rejected', rejection: { code: 'out-of-range', field: 'value' } });
    if (r.kind === 'rejected') expect(r.rejection.message).toContain('sea_reg 620 cm');
  });

  it.each(['rejected', 'Failed', 'qc_failed'])(
    'keeps a value with qcStatus %j but flags it provider-flagged',
    (qcStatus) => {
      const o = observationOf(props({ qcStatus }), ocean);
      expect(o.value).toBe(1.52);
      expect(o.quality).toBe('provider-flagged');
    },
  );

  it('lets provider-flagged win over trace, keeping the 0 mm value', () => {
    const o = observationOf(
      props({ parameterId: 'precip_past1h', value: -0.1, qcStatus: 'rejected' }),
      ocean,
    );
    expect(o).toMatchObject({ value: 0, quality: 'provider-flagged' });
  });

  it.each(['none', 'passed', 'manual', 'unchecked', ''])(
    'leaves quality ok for the neutral qcStatus %j',
    (qcStatus) => {
      expect(observationOf(props({ qcStatus }), ocean).quality).toBe('ok');
    },
  );
});

describe('mapDmiObservation: station ids and timestamps', () => {
  it('keeps "06123" as a string with its leading zero', () => {
    const o = observationOf(props({ parameterId: 'temp_dry', stationId: '06123', value: 11.3 }));
    expect(o.stationId).toBe('06123');
    expect(o.source).toBe('dmi-metobs');
  });

  it('rejects a malformed station id', () => {
    const r = mapDmiObservation(props({ stationId: "06123' OR 1=1" }), met);
    expect(r).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'invalid-station-id', field: 'stationId' },
    });
  });

  it('rejects a numeric station id whose leading zero is already lost', () => {
    const r = mapDmiObservation(props({ stationId: 6123 as unknown as string }), met);
    expect(r).toMatchObject({ kind: 'rejected', rejection: { code: 'wrong-type' } });
  });

  it('rejects future, pre-1900 and unparseable observed/created', () => {
    expect(mapDmiObservation(props({ observed: '2023-10-20T21:30:00Z' }), ocean)).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'future-timestamp', field: 'observed' },
    });
    expect(mapDmiObservation(props({ observed: '1899-01-01T00:00:00Z' }), ocean)).toMatchObject({
      rejection: { code: 'timestamp-too-old', field: 'observed' },
    });
    expect(mapDmiObservation(props({ created: 'not a time' }), ocean)).toMatchObject({
      rejection: { code: 'invalid-timestamp', field: 'created' },
    });
  });
});

describe('mapDmiObservation: precipitation', () => {
  it.each(['precip_past1min', 'precip_past10min', 'precip_past1h', 'precip_past24h'])(
    'turns %s = -0.1 (trace) into 0 mm with quality trace',
    (parameterId) => {
      const o = observationOf(props({ parameterId, stationId: '06123', value: -0.1 }));
      expect(o).toMatchObject({ parameter: parameterId, value: 0, unit: 'mm', quality: 'trace' });
    },
  );

  it('turns precip_past1min null (dry) into 0 mm with quality ok', () => {
    const o = observationOf(props({ parameterId: 'precip_past1min', stationId: '06123', value: null }));
    expect(o).toMatchObject({ parameter: 'precip_past1min', value: 0, quality: 'ok' });
  });

  it('rejects null for the other precipitation periods as null-value, naming the parameter and station', () => {
    const r = mapDmiObservation(
      props({ parameterId: 'precip_past10min', stationId: '06123', value: null }),
      met,
    );
    expect(r).toMatchObject({ kind: 'rejected', rejection: { code: 'null-value', field: 'value' } });
    if (r.kind === 'rejected') expect(r.rejection.message).toContain('precip_past10min at station "06123"');
  });

  it('passes a normal precipitation value through in mm', () => {
    expect(observationOf(props({ parameterId: 'precip_past10min', value: 16.4 })).value).toBe(16.4);
  });

  it('rejects other negative precipitation as out-of-range', () => {
    expect(mapDmiObservation(props({ parameterId: 'precip_past1h', value: -0.2 }), met)).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'out-of-range' },
    });
  });
});

describe('mapDmiObservation: wind, temperature, pressure', () => {
  it('flags wind_dir 0 as calm and keeps the value 0', () => {
    expect(observationOf(props({ parameterId: 'wind_dir', stationId: '06123', value: 0 }))).toMatchObject({
      parameter: 'wind_dir',
      value: 0,
      unit: 'deg',
      quality: 'calm',
    });
  });

  it('leaves wind_dir 360 (north) as ok', () => {
    expect(observationOf(props({ parameterId: 'wind_dir', value: 360 })).quality).toBe('ok');
  });

  it.each([
    ['wind_speed', 24.6, 'm/s'],
    ['wind_max', 33.1, 'm/s'],
    ['temp_dry', -4.2, 'degC'],
    ['pressure_at_sea', 981.4, 'hPa'],
  ])('maps %s %d straight to the canonical unit %s', (parameterId, value, unit) => {
    expect(observationOf(props({ parameterId, value }))).toMatchObject({
      parameter: parameterId,
      value,
      unit,
      quality: 'ok',
    });
  });

  it('rejects null wind as null-value', () => {
    expect(mapDmiObservation(props({ parameterId: 'wind_speed', value: null }), met)).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'null-value' },
    });
  });

  it('rejects NaN, Infinity and numeric strings', () => {
    expect(mapDmiObservation(props({ parameterId: 'temp_dry', value: NaN }), met)).toMatchObject({
      rejection: { code: 'not-finite' },
    });
    expect(mapDmiObservation(props({ parameterId: 'temp_dry', value: Infinity }), met)).toMatchObject({
      rejection: { code: 'not-finite' },
    });
    expect(
      mapDmiObservation(props({ parameterId: 'temp_dry', value: '4.2' as unknown as number }), met),
    ).toMatchObject({
      rejection: { code: 'wrong-type' },
    });
  });

  it('rejects an implausible pressure', () => {
    expect(mapDmiObservation(props({ parameterId: 'pressure_at_sea', value: 101325 }), met)).toMatchObject({
      kind: 'rejected',
      rejection: { code: 'out-of-range' },
    });
  });
});

describe('mapDmiObservation: parameters Klimavagt does not use', () => {
  it.each(['humidity', 'temp_dew', 'visibility', 'constructor', '__proto__'])(
    'ignores %s as unmapped-parameter',
    (parameterId) => {
      const r = mapDmiObservation(props({ parameterId, value: 87 }), met);
      expect(r).toMatchObject({
        kind: 'ignored',
        reason: { code: 'unmapped-parameter', field: 'parameterId' },
      });
    },
  );

  it('ignores an unmapped parameter even when its value is null', () => {
    expect(mapDmiObservation(props({ parameterId: 'humidity', value: null }), met).kind).toBe('ignored');
  });
});

describe('isProviderRejectedQcStatus', () => {
  it('is true only for clear failure words', () => {
    expect(isProviderRejectedQcStatus('rejected')).toBe(true);
    expect(isProviderRejectedQcStatus('FAILED')).toBe(true);
    expect(isProviderRejectedQcStatus(undefined)).toBe(false);
    expect(isProviderRejectedQcStatus('none')).toBe(false);
    expect(isProviderRejectedQcStatus('failover-ok')).toBe(false);
  });
});
