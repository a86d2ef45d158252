export * from './klimavagt-config';
export * from './config.module';
