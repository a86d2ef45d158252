// Notification delivery as the domain sees it: when to try again after a failure, and when to stop.
export * from './delivery-schedule';
