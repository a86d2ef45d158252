export * from './logger';
export * from './metrics-registry';
export * from './metrics.controller';
export * from './liveness';
export * from './recorder-metrics';
export * from './ingest-metrics';
export * from './alerting-metrics';
export * from './feed-outage-metrics';
