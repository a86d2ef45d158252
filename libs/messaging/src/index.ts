export * from './messaging-error';
export * from './kafka-client';
export * from './topic-provisioner';
export * from './event-publisher';
export * from './batch-consumer';
export * from './kafka-health';
export * from './local-kafka-broker';
export * from './bounded-disconnect';
