export * from './database-error';
export * from './database-pool';
export * from './migrations/migration-runner';
export * from './embedded/embedded-timescaledb';
export * from './observations/observations.repository';
export * from './feed-cursors/feed-cursors.repository';
export * from './sensors/sensors.repository';
export * from './stations/stations.repository';
