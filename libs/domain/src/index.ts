export * from './observations/observation';
export * from './stations/station';
export * from './observations/rejection';
export * from './observations/parameters';
export * from './observations/instant';
export * from './observations/observation-input';
export * from './observations/dmi-observation-mapping';
export * from './observations/quality-screen';
