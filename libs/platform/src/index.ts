export * from './platform.tokens';
export * from './platform.module';
export * from './infrastructure';
export * from './service-bootstrap';
export * from './zod-validation.pipe';
export * from './http-error.filter';
export * from './platform.providers';
export * from './access/access';
