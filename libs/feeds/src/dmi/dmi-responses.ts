// Raw DMI Open Data response shapes, as DMI sends them (names and nesting untouched; mapping happens elsewhere).
// Sources: DMI Open Data docs (metObs/oceanObs example responses, "Station Lists Explained", Forecast EDR API).

/** OGC API Features link; DMI sends `rel: 'self'` always and `rel: 'next'` while more pages may follow. */
export interface DmiLink {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

export interface DmiPointGeometry {
  type: 'Point';
  /** [lon, lat], CRS84. */
  coordinates: [number, number];
}

/** Every `items` answer of metObs/oceanObs (observation and station collections). */
export interface DmiFeatureCollection<F> {
  type: 'FeatureCollection';
  features: F[];
  /** When DMI generated the answer, RFC 3339 (e.g. "2023-10-26T09:19:51Z"). */
  timeStamp: string;
  numberReturned: number;
  links: DmiLink[];
}

/** One observation; `value` units depend on `parameterId` (sea level in cm, wind in m/s, ...). */
export interface DmiObservationProperties {
  /** When DMI stored this value; a re-sent value has a newer `created` and wins. */
  created: string;
  observed: string;
  parameterId: string;
  /** A string with leading zeros kept ("06123"); Kystdirektoratet gauges are 7 digits ("9020201"). */
  stationId: string;
  /** Null occurs (e.g. precip_past1min when dry). */
  value: number | null;
  /** oceanObs only: quality-control marking (e.g. "auto"); the value itself is never altered. */
  qcStatus?: string;
}

export interface DmiObservationFeature {
  type: 'Feature';
  /** DMI's internal database id (a UUID). */
  id: string;
  geometry: DmiPointGeometry | null;
  properties: DmiObservationProperties;
}

export type DmiObservationCollection = DmiFeatureCollection<DmiObservationFeature>;

/**
 * One validity period of a station. A station appears once per period; the current one has `validTo: null`.
 * Fields beyond these (heights, wmo ids, region) are present on metObs and passed through untyped.
 */
export interface DmiStationProperties {
  stationId: string;
  name: string;
  /** e.g. "Synop", "GIWS", "Tide-gauge-primary". */
  type?: string | null;
  /** "Active" or "Inactive". */
  status: string;
  parameterId: string[];
  country?: string | null;
  owner?: string | null;
  operationFrom?: string | null;
  operationTo?: string | null;
  validFrom: string;
  validTo: string | null;
  created?: string | null;
  updated?: string | null;
  [extra: string]: unknown;
}

export interface DmiStationFeature {
  type: 'Feature';
  id: string;
  geometry: DmiPointGeometry | null;
  properties: DmiStationProperties;
}

export type DmiStationCollection = DmiFeatureCollection<DmiStationFeature>;

/** The error body DMI sends with 4xx/5xx answers (fields may be missing on gateway errors such as 429). */
export interface DmiErrorBody {
  message?: string;
  status?: number;
  error?: string;
}

/** CoverageJSON NdArray as the EDR `position` query returns it (one grid point, so shape is [t, 1, 1]). */
export interface CoverageNdArray {
  type: 'NdArray';
  dataType: string;
  axisNames?: string[];
  shape?: number[];
  values: (number | null)[];
}

export interface CoverageAxis<T> {
  values: T[];
  bounds?: T[];
}

/**
 * EDR `position` answer (default format). The nearest model grid point is in axes x/y, the forecast steps in
 * axes t. It carries no model-run time: DMI exposes runs only as EDR instances (`/collections/{c}/instances`).
 */
export interface DmiCoverage {
  type: 'Coverage';
  domain: {
    type: 'Domain';
    domainType?: string;
    axes: { t: CoverageAxis<string>; x?: CoverageAxis<number>; y?: CoverageAxis<number> };
    referencing?: unknown[];
  };
  parameters?: Record<string, unknown>;
  ranges: Record<string, CoverageNdArray>;
}

/** Some EDR servers wrap single coverages; accepted defensively, the first coverage is used. */
export interface DmiCoverageCollection {
  type: 'CoverageCollection';
  coverages: DmiCoverage[];
}

/** EDR `/collections/{c}/instances`: one entry per model run still served; id like "2023-10-24T120000Z". */
export interface DmiEdrInstances {
  instances: {
    id: string;
    title?: string;
    extent?: { temporal?: { interval?: (string | null)[][]; values?: string[] } };
    [extra: string]: unknown;
  }[];
  links?: DmiLink[];
}
