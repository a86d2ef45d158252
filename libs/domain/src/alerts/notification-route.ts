// Owns notification routing: which recipients (a webhook, an email list) an alert's notifications go to.
import type { Hazard, Severity } from '../zones/hazard';
import { severityRank } from '../zones/hazard';
import type { Alert } from './alert';
import { alertCategory, type AlertCategory } from './operational-alert';

export type NotificationChannel = 'webhook' | 'email';

/** Every matcher given must hold; a route without matchers takes every alert. */
export interface RouteMatchers {
  zoneIds?: string[];
  hazards?: Hazard[];
  /** This severity and above (orange takes orange and red). */
  minSeverity?: Severity;
  /** `operational` (feed outages) and/or `hazard` (zone alerts); unset takes both. */
  categories?: AlertCategory[];
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

export function routeMatches(route: NotificationRoute, alert: Pick<Alert, 'zoneId' | 'hazard' | 'severity' | 'operational'>): boolean {
  if (!route.enabled) return false;
  const m = route.matchers;
  // A zone or hazard matcher asks for zone alerts: an operational alert (no zone, no hazard) never matches it.
  if (m.zoneIds && m.zoneIds.length > 0 && (alert.zoneId === null || !m.zoneIds.includes(alert.zoneId))) return false;
  if (m.hazards && m.hazards.length > 0 && (alert.hazard === null || !m.hazards.includes(alert.hazard))) return false;
  if (m.categories && m.categories.length > 0 && !m.categories.includes(alertCategory(alert))) return false;
  if (m.minSeverity && severityRank(alert.severity) < severityRank(m.minSeverity)) return false;
  return true;
}
