// The metObs/oceanObs observation query: parameters as DMI names them; values pass through unmapped.
import { dmiUrl } from './dmi-url';

export type DmiObservationApi = 'metObs' | 'oceanObs';

export interface DmiObservationQuery {
  /** RFC 3339 instant or interval `A/B`, `A/..`, `../B`. */
  datetime: string;
  /** minLon,minLat,maxLon,maxLat, e.g. Funen + Little Belt "9.6,54.9,10.9,55.7". */
  bbox?: string;
  stationId?: string;
  /** DMI's own name (sealev_dvr, sea_reg, precip_past10min...); mapping to our parameters lives in libs/domain. */
  parameterId?: string;
  /** Page size; defaults to the client's pageLimit. */
  limit?: number;
}

export function observationItemsUrl(
  baseUrl: string,
  api: DmiObservationApi,
  query: DmiObservationQuery,
  limit: number,
): string {
  return dmiUrl(baseUrl, `/v2/${api}/collections/observation/items`, {
    datetime: query.datetime,
    bbox: query.bbox,
    stationId: query.stationId,
    parameterId: query.parameterId,
    limit,
  });
}
