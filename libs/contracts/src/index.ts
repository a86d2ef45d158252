export * from './event-contract';
export * from './observations.v1';
export * from './dead-letters.v1';
export * from './topics';
export * from './sea-level-forecasts.v1';
export * from './evaluator-events.v1';
export * from './alert-events.v1';
export * from './feed-status.v1';
