// Owns operational alerts — alerts about Klimavagt's own inputs (a DMI feed gone quiet), not about a zone's
// hazard: their category (for routing), telling them from zone alerts, and their Danish and English texts.
// They share the lifecycle (dedupe, acknowledge, escalate, resolve, audit) but have no zone, no hazard and no
// initiatives, and are never public CAP warnings: an outage is the operators' business.
import type { Hazard } from '../zones/hazard';
import { SYSTEM_ACTOR, type Alert, type AlertChange, type OperationalSubject } from './alert';

export const ALERT_CATEGORIES = ['hazard', 'operational'] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

/** An alert about a zone's hazard (the evaluator's rules): zone and hazard are set. */
export type ZoneAlert = Alert & { zoneId: string; hazard: Hazard; operational?: undefined };

export function isZoneAlert(alert: Alert): alert is ZoneAlert {
  return alert.operational === undefined && alert.zoneId !== null && alert.hazard !== null;
}

export function alertCategory(alert: Pick<Alert, 'operational'>): AlertCategory {
  return alert.operational ? 'operational' : 'hazard';
}

export interface OperationalText {
  title: string;
  body: string;
}

/** The people-readable texts of an operational alert's change, in Danish and English. */
export function operationalAlertText(s: OperationalSubject, change: AlertChange): { da: OperationalText; en: OperationalText } {
  const minutes = Math.round(s.limitMs / 60_000);
  const since = s.lastOkAt ?? s.silentSince;
  const failure = s.lastFailure;
  const escalated = change.kind === 'escalated';
  if (change.kind === 'resolved') {
    const manual = change.by !== SYSTEM_ACTOR;
    return {
      da: {
        title: `DMI-feed leverer igen: ${s.feed}`,
        body: manual
          ? `Afsluttet af ${change.by}${change.reason ? `: ${change.reason}` : ''}.`
          : `${s.feed} leverer data igen (${change.at}).${change.reason ? ` ${change.reason}` : ''}`,
      },
      en: {
        title: `Feed outage over: ${s.feed}`,
        body: manual
          ? `Resolved by ${change.by}${change.reason ? `: ${change.reason}` : ''}.`
          : `${s.feed} delivers data again (${change.at}).${change.reason ? ` ${change.reason}` : ''}`,
      },
    };
  }
  const lastOk = {
    da: s.lastOkAt ? `Seneste vellykkede hentning: ${s.lastOkAt}.` : `Intet hørt fra feedet siden overvågningen begyndte ${s.silentSince}.`,
    en: s.lastOkAt ? `Last successful poll: ${s.lastOkAt}.` : `Nothing heard from the feed since watching began at ${s.silentSince}.`,
  };
  const lastFailure = {
    da: failure ? `Seneste fejl (${failure.at}): ${failure.reason}` : 'Ingen fejl meldt: hentningen står stille, eller dens status når ikke frem (Kafka).',
    en: failure ? `Last failure (${failure.at}): ${failure.reason}` : 'No failure reported: the poller is stuck, or its status does not arrive (Kafka).',
  };
  return {
    da: {
      title: `${escalated ? 'Eskaleret – ikke kvitteret: ' : ''}DMI-feed udeblevet: ${s.feed}`,
      body: [
        `Ingen data fra ${s.feed} siden ${since} (grænse ${minutes} min). Varsler for de zoner feedet dækker kan udeblive.`,
        lastOk.da,
        lastFailure.da,
      ].join('\n'),
    },
    en: {
      title: `${escalated ? 'Escalated – not acknowledged: ' : ''}Feed outage: ${s.feed}`,
      body: [
        `No data from ${s.feed} since ${since} (limit ${minutes} min). Alerts for the zones it covers may be missed.`,
        lastOk.en,
        lastFailure.en,
      ].join('\n'),
    },
  };
}
