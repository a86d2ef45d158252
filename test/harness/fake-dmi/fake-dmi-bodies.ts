// Response bodies in DMI's exact shapes: GeoJSON FeatureCollections, CoverageJSON, EDR instances, errors.
import { STATUS_CODES } from 'node:http';
import { FakeObservationFeature, FakeStationRecord, StoredForecast } from './fake-dmi-types';

/** DMI stamps answers to the second: "2023-10-26T09:19:51Z". */
export function dmiTimeStamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** DMI's error body. */
export function errorBody(status: number, message: string): string {
  return JSON.stringify({ message, status, error: STATUS_CODES[status] ?? 'Error' });
}

/**
 * One page of an items answer. Like DMI, the next link is present whenever the page is full (DMI does not
 * count the total), so an exact multiple of `limit` ends with an empty page.
 */
export function featureCollectionPage(
  features: unknown[],
  selfUrl: string,
  limit: number,
  offset: number,
): Record<string, unknown> {
  const links: Record<string, string>[] = [
    { href: selfUrl, rel: 'self', type: 'application/geo+json', title: 'This document' },
  ];
  if (features.length === limit) {
    links.push({
      href: withOffset(selfUrl, offset + limit),
      rel: 'next',
      type: 'application/geo+json',
      title: 'Next set of results',
    });
  }
  return {
    type: 'FeatureCollection',
    features,
    timeStamp: dmiTimeStamp(),
    numberReturned: features.length,
    links,
  };
}

/** Keeps the caller's query as sent and appends the new offset, as DMI's links do. */
function withOffset(selfUrl: string, offset: number): string {
  const [path, query = ''] = selfUrl.split('?');
  const kept = query.split('&').filter((pair) => pair !== '' && !pair.startsWith('offset='));
  return `${path}?${[...kept, `offset=${offset}`].join('&')}`;
}

/** Property order follows DMI's answers (alphabetical); qcStatus only where given (oceanObs). */
export function observationFeature(feature: FakeObservationFeature): FakeObservationFeature {
  const p = feature.properties;
  return {
    geometry: feature.geometry,
    id: feature.id,
    type: 'Feature',
    properties: {
      created: p.created,
      observed: p.observed,
      parameterId: p.parameterId,
      ...(p.qcStatus === undefined ? {} : { qcStatus: p.qcStatus }),
      stationId: p.stationId,
      value: p.value,
    },
  } as FakeObservationFeature;
}

/** A station validity record with the metadata fields DMI sends, unknown ones as null. */
export function stationFeature(record: FakeStationRecord, id: string): Record<string, unknown> {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: record.location },
    properties: {
      anemometerHeight: null,
      barometerHeight: null,
      country: record.country ?? 'DNK',
      created: record.validFrom,
      name: record.name,
      operationFrom: record.operationFrom ?? record.validFrom,
      operationTo: record.operationTo ?? null,
      owner: record.owner ?? 'DMI',
      parameterId: [...record.parameterIds],
      regionId: null,
      stationHeight: null,
      stationId: record.stationId,
      status: record.status ?? 'Active',
      type: record.type ?? null,
      updated: null,
      validFrom: record.validFrom,
      validTo: record.validTo,
      wmoCountryCode: null,
      wmoStationId: null,
    },
  };
}

/** EDR position answer: a single-grid-point coverage, the model run nowhere in it (as at DMI). */
export function seaLevelCoverage(
  forecast: StoredForecast,
  points: { at: string; levelM: number | null }[],
  parameter: string,
): Record<string, unknown> {
  const { lon, lat } = forecast;
  return {
    type: 'Coverage',
    title: { en: 'Grid Feature' },
    domain: {
      type: 'Domain',
      domainType: 'Grid',
      axes: {
        t: { values: points.map((p) => edrTime(p.at)) },
        x: { values: [lon], bounds: [lon, lon] },
        y: { values: [lat], bounds: [lat, lat] },
      },
      referencing: [
        {
          coordinates: ['x', 'y'],
          system: { type: 'GeographicCRS', id: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
        },
        { coordinates: ['t'], system: { type: 'TemporalRS', calendar: 'Gregorian' } },
      ],
    },
    parameters: {
      [parameter]: {
        type: 'Parameter',
        description: { en: 'Sea level deviation from mean sea level' },
        unit: { label: { en: 'm' }, symbol: { value: 'm', type: 'http://www.opengis.net/def/uom/UCUM/' } },
        observedProperty: { label: { en: parameter } },
      },
    },
    ranges: {
      [parameter]: {
        type: 'NdArray',
        dataType: 'float',
        axisNames: ['t', 'y', 'x'],
        shape: [points.length, 1, 1],
        values: points.map((p) => p.levelM),
      },
    },
  };
}

/** EDR instances listing: one entry per model run still served. */
export function instancesBody(selfUrl: string, runs: StoredForecast[][]): Record<string, unknown> {
  return {
    links: [{ href: selfUrl, rel: 'self', type: 'application/json' }],
    instances: runs.map((forecasts) => {
      const times = [...new Set(forecasts.flatMap((f) => f.points.map((p) => edrTime(p.at))))].sort();
      return {
        id: forecasts[0].instanceId,
        extent: {
          temporal: { interval: [[times[0] ?? null, times[times.length - 1] ?? null]], values: times },
        },
      };
    }),
  };
}

/** DMI writes EDR times with milliseconds: "2023-10-26T06:00:00.000Z". */
function edrTime(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

/** What a route hands back to the server loop. */
export interface Answer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export function json(status: number, body: string, contentType = 'application/json'): Answer {
  return { status, body, contentType };
}
