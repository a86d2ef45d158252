// Owns silences and maintenance windows: which alerts they cover, when, and how an alert records them.
import type { Hazard, Severity } from '../zones/hazard';
import { severityRank } from '../zones/hazard';
import { SYSTEM_ACTOR, timeMs, withChanges, type Alert, type AlertChange } from './alert';

export type SilenceKind = 'silence' | 'maintenance';

/** Every matcher given must hold; a silence without matchers covers every alert. */
export interface SilenceMatchers {
  zoneId?: string;
  hazard?: Hazard;
  /** Covers alerts at this severity or below (a yellow-only silence lets orange and red through). */
  severityAtMost?: Severity;
}

export interface Silence {
  id: string;
  /** 'maintenance' marks a planned window (sensor service, pump works); it suppresses exactly like a silence. Default 'silence'. */
  kind?: SilenceKind;
  matchers: SilenceMatchers;
  /** Inclusive. */
  startsAt: string;
  /** Exclusive: at `endsAt` the silence no longer holds. */
  endsAt: string;
  author: string;
  reason: string;
}

type Silenceable = Pick<Alert, 'zoneId' | 'hazard' | 'severity'>;

export function silenceMatches(silence: Silence, alert: Silenceable, at: string): boolean {
  const t = timeMs(at);
  if (!(t >= timeMs(silence.startsAt) && t < timeMs(silence.endsAt))) return false;
  const m = silence.matchers;
  if (m.zoneId !== undefined && m.zoneId !== alert.zoneId) return false;
  if (m.hazard !== undefined && m.hazard !== alert.hazard) return false;
  if (m.severityAtMost !== undefined && severityRank(alert.severity) > severityRank(m.severityAtMost))
    return false;
  return true;
}

/**
 * The silence that covers `alert` at `at`, or undefined. Several may match: maintenance windows come
 * first, then the smallest id, so the answer does not depend on the order the silences were loaded in.
 */
export function matchingSilence(
  alert: Silenceable,
  silences: readonly Silence[],
  at: string,
): Silence | undefined {
  let best: Silence | undefined;
  for (const s of silences) {
    if (!silenceMatches(s, alert, at)) continue;
    if (!best || precedes(s, best)) best = s;
  }
  return best;
}

function precedes(a: Silence, b: Silence): boolean {
  const am = a.kind === 'maintenance';
  const bm = b.kind === 'maintenance';
  if (am !== bm) return am;
  return a.id < b.id;
}

/**
 * Brings `alert.silencedBy` up to date at `at`: records 'silenced' when a silence starts to cover it
 * (or another one takes over) and 'unsilenced' when none does any more. `silence` is what covers it now.
 */
export function refreshSilence(
  alert: Alert,
  silences: readonly Silence[],
  at: string,
): { alert: Alert; changes: AlertChange[]; silence: Silence | undefined } {
  const silence = matchingSilence(alert, silences, at);
  if (silence && silence.id !== alert.silencedBy) {
    const label = silence.kind === 'maintenance' ? 'maintenance window' : 'silence';
    const change: AlertChange = {
      at,
      kind: 'silenced',
      by: silence.author,
      reason: `${label} ${silence.id}: ${silence.reason}`,
    };
    return { alert: withChanges({ ...alert, silencedBy: silence.id }, [change]), changes: [change], silence };
  }
  if (!silence && alert.silencedBy !== undefined) {
    const change: AlertChange = {
      at,
      kind: 'unsilenced',
      by: SYSTEM_ACTOR,
      reason: `silence ${alert.silencedBy} no longer covers the alert`,
    };
    const next: Alert = { ...alert };
    delete next.silencedBy;
    return { alert: withChanges(next, [change]), changes: [change], silence };
  }
  return { alert, changes: [], silence };
}
