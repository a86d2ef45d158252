// A DMI station record (current validity period) as a registry Station: who owns it, what it measures in our terms.
import { DMI_PARAMETER_MAP } from '../observations/dmi-observation-mapping';
import type { ParameterId } from '../observations/observation';
import type { Station } from './station';

export interface DmiStationRecord {
  stationId: string;
  name: string;
  parameterIds: string[];
  location: [number, number];
}

/** Kystdirektoratet's tide gauges carry 7-digit ids 90xxxxx and report `sea_reg`. */
const KYSTDIREKTORATET_ID = /^90\d{5}$/;

export function dmiStationToStation(record: DmiStationRecord, api: 'metObs' | 'oceanObs'): Station {
  const parameters = new Set<ParameterId>();
  for (const id of record.parameterIds) {
    const mapping = Object.prototype.hasOwnProperty.call(DMI_PARAMETER_MAP, id) ? DMI_PARAMETER_MAP[id] : undefined;
    if (mapping) parameters.add(mapping.parameter);
  }
  return {
    id: record.stationId,
    name: record.name,
    source: api === 'metObs' ? 'dmi-metobs' : 'dmi-oceanobs',
    owner: KYSTDIREKTORATET_ID.test(record.stationId) ? 'Kystdirektoratet' : 'DMI',
    location: record.location,
    providerParameters: [...record.parameterIds],
    parameters: [...parameters],
  };
}

/** True when [lon, lat] lies inside [minLon, minLat, maxLon, maxLat]. */
export function inBbox([lon, lat]: [number, number], [w, s, e, n]: readonly [number, number, number, number]): boolean {
  return lon >= w && lon <= e && lat >= s && lat <= n;
}
