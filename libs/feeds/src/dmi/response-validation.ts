// Shape checks for DMI bodies: anything we would otherwise misread becomes a non-retriable 'malformed-response'.
import { DmiFeedError } from './dmi-feed-error';
import { DmiJsonResponse } from './dmi-http';
import {
  DmiCoverage,
  DmiFeatureCollection,
  DmiLink,
  DmiObservationFeature,
  DmiStationFeature,
} from './dmi-responses';

type Check = (value: unknown) => string | null;

export function malformed(response: DmiJsonResponse, why: string): DmiFeedError {
  return new DmiFeedError(`malformed DMI response: ${why}`, 'malformed-response', response.url, {
    rawBody: response.rawText,
  });
}

/** A FeatureCollection with a features array; each feature must pass `checkFeature`. */
export function readFeatureCollection<F>(
  response: DmiJsonResponse,
  checkFeature: Check,
): DmiFeatureCollection<F> {
  const body = response.body as Partial<DmiFeatureCollection<unknown>> | null;
  if (!isObject(body) || body.type !== 'FeatureCollection')
    throw malformed(response, 'not a FeatureCollection');
  if (!Array.isArray(body.features)) throw malformed(response, 'features is not an array');
  body.features.forEach((feature, index) => {
    const problem = checkFeature(feature);
    if (problem) throw malformed(response, `features[${index}]: ${problem}`);
  });
  if (body.numberReturned !== undefined && typeof body.numberReturned !== 'number') {
    throw malformed(response, 'numberReturned is not a number');
  }
  if (body.links !== undefined && !Array.isArray(body.links))
    throw malformed(response, 'links is not an array');
  return {
    type: 'FeatureCollection',
    features: body.features as F[],
    // OGC Features makes numberReturned optional; the array length is the same fact.
    numberReturned: body.numberReturned ?? body.features.length,
    timeStamp: typeof body.timeStamp === 'string' ? body.timeStamp : '',
    links: (body.links ?? []).filter(isLink),
  };
}

export const checkObservationFeature: Check = (value) => {
  const base = checkFeatureBase(value);
  if (base) return base;
  const p = (value as DmiObservationFeature).properties;
  if (typeof p.stationId !== 'string') return 'properties.stationId is not a string';
  if (typeof p.parameterId !== 'string') return 'properties.parameterId is not a string';
  if (typeof p.observed !== 'string') return 'properties.observed is not a string';
  if (p.value !== null && typeof p.value !== 'number') return 'properties.value is neither a number nor null';
  return null;
};

export const checkStationFeature: Check = (value) => {
  const base = checkFeatureBase(value);
  if (base) return base;
  const p = (value as DmiStationFeature).properties;
  // A numeric stationId would already have lost its leading zeros ("06123" → 6123): refuse rather than guess.
  if (typeof p.stationId !== 'string') return 'properties.stationId is not a string';
  if (!Array.isArray(p.parameterId)) return 'properties.parameterId is not an array';
  if (!('validTo' in p)) return 'properties.validTo is missing';
  return null;
};

function checkFeatureBase(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  if (value.type !== 'Feature') return 'type is not Feature';
  if (!isObject(value.properties)) return 'properties is not an object';
  const geometry = value.geometry;
  if (geometry !== null && geometry !== undefined && !isPointGeometry(geometry))
    return 'geometry is not a Point';
  return null;
}

/** A `Coverage` (or the first of a `CoverageCollection`) with a t axis and the named range of equal length. */
export function readPointCoverage(response: DmiJsonResponse, parameter: string): DmiCoverage {
  const body = response.body as { type?: unknown; coverages?: unknown } | null;
  if (!isObject(body)) throw malformed(response, 'not a JSON object');
  const coverage =
    body.type === 'CoverageCollection' && Array.isArray(body.coverages) ? body.coverages[0] : body;
  if (!isObject(coverage) || coverage.type !== 'Coverage')
    throw malformed(response, 'not a CoverageJSON Coverage');
  const domain = coverage.domain as DmiCoverage['domain'] | undefined;
  const times = domain?.axes?.t?.values;
  if (!Array.isArray(times) || !times.every((t) => typeof t === 'string')) {
    throw malformed(response, 'domain.axes.t.values is not a list of times');
  }
  const range = (coverage.ranges as DmiCoverage['ranges'] | undefined)?.[parameter];
  if (!range || !Array.isArray(range.values))
    throw malformed(response, `ranges['${parameter}'].values is missing`);
  if (range.values.length !== times.length) {
    throw malformed(response, `${range.values.length} values for ${times.length} time steps`);
  }
  return coverage as unknown as DmiCoverage;
}

function isPointGeometry(value: unknown): boolean {
  if (!isObject(value) || value.type !== 'Point' || !Array.isArray(value.coordinates)) return false;
  const [lon, lat] = value.coordinates as unknown[];
  return typeof lon === 'number' && typeof lat === 'number';
}

function isLink(value: unknown): value is DmiLink {
  return isObject(value) && typeof value.href === 'string' && typeof value.rel === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
