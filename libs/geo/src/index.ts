export * from './zone-geometry-validation';
export * from './zone-index';
export * from './distance';
