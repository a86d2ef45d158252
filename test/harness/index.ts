export * from './expect-eventually';
export * from './test-database';
export * from './test-kafka';
export * from './service-process';
export * from './ingest-app';
export * from './topic-reader';
export * from './assens-fixtures';
export * from './api-app';
