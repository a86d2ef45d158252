// Public surface of the DMI Open Data client.
export { DmiClient } from './dmi-client';
export type { DmiObservationPage } from './dmi-client';
export { DMI_CLIENT_DEFAULTS, DMI_DEFAULT_BASE_URL, resolveDmiClientOptions } from './dmi-client-options';
export type { DmiClientOptions } from './dmi-client-options';
export { DmiFeedError } from './dmi-feed-error';
export type { DmiFeedErrorCode } from './dmi-feed-error';
export type { DmiHttpDeps } from './dmi-http';
export type { DmiFeaturePage } from './feature-pages';
export type { DmiObservationApi, DmiObservationQuery } from './observations';
export { forbiddenAddressKind } from './redirect-policy';
export type { AddressLookup, ResolvedAddress } from './redirect-policy';
export { SEA_LEVEL_PARAMETER, instanceRunTime } from './sea-level-forecast';
export type {
  DkssCollection,
  ForecastRun,
  SeaLevelForecast,
  SeaLevelForecastPoint,
  SeaLevelForecastQuery,
} from './sea-level-forecast';
export type { DmiStation } from './stations';
export type * from './dmi-responses';
