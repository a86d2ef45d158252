// Injection tokens of the infrastructure every app shell receives from PlatformModule.
export const DATABASE_POOL = Symbol('DATABASE_POOL');
export const KAFKA = Symbol('KAFKA');
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const LOGGER = Symbol('LOGGER');
export const LIVENESS = Symbol('LIVENESS');
export const READINESS = Symbol('READINESS');
export const APP_NAME = Symbol('APP_NAME');
