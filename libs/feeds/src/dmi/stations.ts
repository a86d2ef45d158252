// DMI station lists reduced to the current validity record of each station, in our own field names.
import { DmiObservationApi } from './observations';
import { DmiStationFeature } from './dmi-responses';
import { dmiUrl } from './dmi-url';

export interface DmiStation {
  /** As DMI spells it, leading zeros kept ("06123"). */
  stationId: string;
  name: string;
  type?: string;
  /** "Active" / "Inactive"; a decommissioned station still has a current record, marked Inactive. */
  status: string;
  /** What the station measures now; pick sealev_dvr or sea_reg per station from this list. */
  parameterIds: string[];
  /** [lon, lat]. */
  location: [number, number];
  /** Start of the current validity period. */
  validFrom: string;
}

export function stationItemsUrl(baseUrl: string, api: DmiObservationApi, limit: number): string {
  return dmiUrl(baseUrl, `/v2/${api}/collections/station/items`, { limit });
}

/** Null for historical records (validTo set) and for records without a position, which we cannot place. */
export function currentStation(feature: DmiStationFeature): DmiStation | null {
  const p = feature.properties;
  if (p.validTo !== null) return null;
  const coordinates = feature.geometry?.coordinates;
  if (!coordinates) return null;
  const station: DmiStation = {
    stationId: p.stationId,
    name: p.name,
    status: p.status,
    parameterIds: [...p.parameterId],
    location: [coordinates[0], coordinates[1]],
    validFrom: p.validFrom,
  };
  if (typeof p.type === 'string') station.type = p.type;
  return station;
}
