// @klimavagt/notifications: delivering notifications to subscribers by signed webhook and by e-mail.
export * from './delivery-outcome';
export * from './standard-webhooks';
export * from './target-address';
export * from './webhook-sender';
export * from './smtp-sender';
