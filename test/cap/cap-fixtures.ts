// Messages for the CAP schema tests: the Assens harbour zone, a two-part zone, and a message with defaults.
import type { CapAlertInput, Hazard, ParameterId, ZoneGeometry } from '@klimavagt/domain';

export const SENDER = 'klimavagt@assens.dk';
// prettier-ignore
export const HARBOUR: ZoneGeometry = {
  type: 'Polygon',
  coordinates: [[[9.884, 55.266], [9.896, 55.266], [9.896, 55.274], [9.884, 55.274], [9.884, 55.266]]],
};
// prettier-ignore
export const NAES_AND_HARBOUR: ZoneGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    HARBOUR.coordinates as [number, number][][],
    [[[9.87, 55.255], [9.882, 55.255], [9.882, 55.262], [9.87, 55.262], [9.87, 55.255]]],
  ],
};

/** The Assens harbour gauge's reading (or forecast peak) that decided a message. */
export function assensGauge(observedAt: string, value: number, measure: 'value' | 'forecast-peak' = 'value') {
  const forecast = measure === 'forecast-peak' ? { forecastRunTime: '2023-10-20T18:00:00Z' } : {};
  return {
    stationId: '9020201',
    stationName: 'Assens Havn I',
    parameter: 'sea_level' as const,
    observedAt,
    value,
    measure,
    ...forecast,
  };
}

export function message(over: Partial<CapAlertInput>): CapAlertInput {
  return {
    alertId: 'assens-havn.coastal-flooding.20231020T2110',
    sequence: 1,
    sender: SENDER,
    sentAt: '2023-10-20T21:12:03.250Z',
    msgType: 'Alert',
    zone: { id: 'assens-havn', name: 'Assens Havn', geometry: HARBOUR },
    hazard: 'coastal-flooding',
    severity: 'yellow',
    onset: '2023-10-20T21:10:00.000Z',
    expires: '2023-10-21T09:10:00.000Z',
    fingerprint: 'assens-havn:coastal-flooding:assens-sea',
    decidedBy: assensGauge('2023-10-20T21:10:00.000Z', 1.02),
    levelLabel: 'Vand på kajerne',
    levelThreshold: 1.0,
    ...over,
  };
}

/** A parameter that judges each hazard, so every hazard's message names a fitting measurement. */
export const PARAMETER_OF: Record<Hazard, ParameterId> = {
  'coastal-flooding': 'sea_level',
  erosion: 'sea_level',
  cloudburst: 'precip_past10min',
  'stream-flooding': 'water_level',
  groundwater: 'water_level',
  wind: 'wind_speed',
};
