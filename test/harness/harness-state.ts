// What global-setup started; jest runs setup and teardown in the same (parent) process.
import type { PostgresServer } from './postgres-server';
import type { TestKafka } from './kafka-broker';

const holder = globalThis as typeof globalThis & { __klimavagtHarness?: { kafka?: TestKafka; postgres?: PostgresServer } };
holder.__klimavagtHarness ??= {};
export const harnessState = holder.__klimavagtHarness;
