// Owns notification routing: which recipients (a webhook, an email list) an alert's notifications go to.
import type { Hazard, Severity } from '../zones/hazard';
import { severityRank } from '../zones/hazard';
import type { Alert } from './alert';

export type NotificationChannel = 'webhook' | 'email';

/** Every matcher given must hold; a route without matchers takes every alert. */
export interface RouteMatchers {
  zoneIds?: string[];
  hazards?: Hazard[];
  /** This severity and above (orange takes orange and red). */
  minSeverity?: Severity;
}

export interface NotificationRoute {
  id: string;
  name: string;
  channel: NotificationChannel;
  /** A URL (webhook) or email addresses. */
  target: string[] | string;
  matchers: RouteMatchers;
  enabled: boolean;
}

export function routeMatches(route: NotificationRoute, alert: Pick<Alert, 'zoneId' | 'hazard' | 'severity'>): boolean {
  if (!route.enabled) return false;
  const m = route.matchers;
  if (m.zoneIds && m.zoneIds.length > 0 && !m.zoneIds.includes(alert.zoneId)) return false;
  if (m.hazards && m.hazards.length > 0 && !m.hazards.includes(alert.hazard)) return false;
  if (m.minSeverity && severityRank(alert.severity) < severityRank(m.minSeverity)) return false;
  return true;
}
