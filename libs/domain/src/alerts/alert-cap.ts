// Owns what an alert says publicly: which of its changes become a CAP message (Alert, Update, Cancel) and the
// CAP input for it, from the alert, its zone, the value behind it and the initiatives that cover it.
import type { CapAlertInput, CapMsgType, CapReference } from '../cap/cap-input';
import type { DecidingValue } from '../rules/verdict';
import type { ZoneGeometry } from '../zones/zone';
import type { AlertChange } from './alert';
import { laterOf, timeMs } from './alert';
import type { AlertCoverage } from './alert-coverage';
import type { ZoneAlert } from './operational-alert';

/** How long a message stands unless updated: a surge lasts a tide or two, a message should not outlive that. */
export const CAP_VALIDITY_MS = 12 * 3_600_000;

/** The changes the public hears about; escalations, acknowledgements and comments are the operators' business. */
export function capMsgTypeFor(change: AlertChange, sequence: number): CapMsgType | null {
  switch (change.kind) {
    case 'opened':
      return sequence === 1 ? 'Alert' : 'Update';
    case 'reopened':
    case 'confirmed':
    case 'forecast-only':
    case 'severity-raised':
    case 'severity-lowered':
      return 'Update';
    case 'resolved':
      return 'Cancel';
    default:
      return null;
  }
}

export interface AlertCapContext {
  /** Only zone alerts are public warnings: an operational alert has no CAP message. */
  alert: ZoneAlert;
  zone: { id: string; name: string; geometry: ZoneGeometry; illustrative: boolean };
  coverage: AlertCoverage;
  decidedBy?: DecidingValue;
  msgType: CapMsgType;
  sequence: number;
  /** Every earlier message of the alert, as sent. */
  references: CapReference[];
  /** Wall-clock time of sending: passed in, the domain reads no clock. */
  sentAt: string;
  sender: string;
  web?: string;
}

export function alertCapInput(c: AlertCapContext): CapAlertInput {
  const cancel = c.msgType === 'Cancel';
  const onset = c.alert.openedAt;
  // Never expiring before it is sent, nor before the newest value it speaks of.
  const base = laterOf(c.sentAt, c.alert.lastSignalAt);
  const expires = new Date(timeMs(base) + (cancel ? 3_600_000 : CAP_VALIDITY_MS)).toISOString();
  const input: CapAlertInput = {
    alertId: capAlertId(c.alert.id),
    sequence: c.sequence,
    sender: c.sender,
    sentAt: c.sentAt,
    msgType: c.msgType,
    zone: c.zone,
    hazard: c.alert.hazard,
    severity: c.alert.severity,
    onset,
    expires,
    fingerprint: c.alert.fingerprint,
    initiatives: c.coverage.covering.map((i) => ({ id: i.id, title: i.title, overtopped: i.overtopped, status: i.status })),
  };
  if (c.references.length > 0) input.references = c.references;
  if (c.decidedBy) input.decidedBy = { ...c.decidedBy };
  if (c.web) input.web = c.web;
  return input;
}

/** CAP identifiers allow no spaces, commas or `<>&"'`; an alert id (`zone:hazard:rule#episode`) has none but `#`. */
export function capAlertId(alertId: string): string {
  return alertId.replace(/#/g, '.');
}
