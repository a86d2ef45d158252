// Inputs the fake DMI server accepts from tests, and what it keeps of them.

export type FakeDmiApi = 'metObs' | 'oceanObs';
/** `time`: stations interleaved by observed time; `station`: station after station (see answerObservationsBy). */
export type FakeObservationOrder = 'time' | 'station';
export type FakeDkssCollection = 'dkss_lb' | 'dkss_idw' | 'dkss_nsbs';

/** A DMI observation Feature as DMI sends it; tests may pass one verbatim. */
export interface FakeObservationFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: {
    created: string;
    observed: string;
    parameterId: string;
    qcStatus?: string;
    stationId: string;
    value: number | null;
  };
}

/** The short form: only what differs between observations. */
export interface FakeObservationRecord {
  stationId: string;
  parameterId: string;
  observed: string;
  value: number | null;
  /** Defaults to `observed`. */
  created?: string;
  /** oceanObs only; defaults to "auto" there (DMI's example value) and is absent on metObs. */
  qcStatus?: string;
  /** [lon, lat]; defaults to the station's current location added through addStations. */
  location?: [number, number];
  id?: string;
}

/** One validity period of a station; call addStations with several records per station to mimic DMI. */
export interface FakeStationRecord {
  stationId: string;
  name: string;
  location: [number, number];
  validFrom: string;
  validTo: string | null;
  parameterIds: string[];
  type?: string | null;
  status?: 'Active' | 'Inactive';
  country?: string;
  owner?: string;
  operationFrom?: string;
  operationTo?: string | null;
  id?: string;
}

export interface FakeForecastRun {
  /** Model run time, RFC 3339 ("2023-10-20T12:00:00Z"); exposed only as an EDR instance id, like DMI. */
  runTime?: string;
  /** Valid times and sea-mean-deviation in metres; null where the model has no value. */
  points: { at: string; levelM: number | null }[];
}

export interface StoredForecast {
  collection: FakeDkssCollection;
  lon: number;
  lat: number;
  /** EDR instance id derived from runTime ("2023-10-20T120000Z"), or "latest" when no runTime was given. */
  instanceId: string;
  runTime: string | null;
  points: { at: string; levelM: number | null }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Path and raw query string exactly as received. */
  url: string;
}

/** One-shot behaviours consumed in order, one per incoming request, before normal answering. */
export type InjectedBehaviour =
  | { kind: 'fail'; status: number; retryAfter?: string }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'delay'; delayMs: number }
  | { kind: 'raw'; status: number; body: string; contentType: string };
