// The alert lifecycle as the domain offers it: alerts, signals applied to them, operator actions, silences, escalation.
export * from './alert';
export * from './alert-actions';
export * from './alert-lifecycle';
export * from './silence';
export * from './escalation';
export * from './notification-route';
export * from './alert-coverage';
export * from './alert-cap';
export * from './alert-notifications';
export * from './threat-incident';
export * from './gauge-silent';
export * from './operational-alert';
export * from './feed-outage';
