// Owns what a CAP message is built from, and refusing input no valid CAP message can come from.
import type { ParameterId } from '../observations/observation';
import type { DecidingMeasure } from '../rules/verdict';
import { HAZARDS, SEVERITIES, type Hazard, type Severity } from '../zones/hazard';
import type { ZoneGeometry } from '../zones/zone';
import { CapInputError } from './cap-error';
import { capInstantMs } from './cap-time';

export type CapMsgType = 'Alert' | 'Update' | 'Cancel';
/** CAP's `System` and `Draft` are left out: Klimavagt never sends either. */
export type CapStatus = 'Actual' | 'Exercise' | 'Test';
/** A text in both languages, or one text used in both (e.g. a level label planners wrote in Danish). */
export type CapText = string | { da: string; en: string };

/** An earlier message of the same alert, exactly as it was sent. */
export interface CapReference {
  sender: string;
  identifier: string;
  /** The earlier message's `sent`, as passed to it (rendered the same way, so the triple matches). */
  sent: string;
}

export interface CapDecidedBy {
  stationId: string;
  /** Shown beside the id when given ("Assens Havn I (9020201)"). */
  stationName?: string;
  parameter: ParameterId;
  /** Event time: the observation's `observedAt`, or the forecast point's `at`. */
  observedAt: string;
  /** In the parameter's canonical unit (per hour for a rise). */
  value: number;
  measure: DecidingMeasure;
  forecastRunTime?: string | null;
}

/** Shaped like the initiatives module's CoveringInitiative, so an assessment can be passed straight in. */
export interface CapInitiative {
  id: string;
  title: string;
  /** The value exceeded the design level (or will, at a forecast peak); null: it could not be judged. */
  overtopped: boolean | null;
  /** A planned or unfinished initiative protects nothing yet, whatever its design level says. */
  status?: 'planned' | 'in-progress' | 'done';
}

export interface CapAlertInput {
  /** Stable across all messages of one alert; `${alertId}-${sequence}` is each message's identifier. */
  alertId: string;
  /** 1 for the first message, then 2, 3, ... for each Update and the Cancel. */
  sequence: number;
  /** e.g. `klimavagt@assens.dk`. */
  sender: string;
  /** When the message is sent: passed in, the domain reads no clock. */
  sentAt: string;
  msgType: CapMsgType;
  /** Earlier messages of the same alert; required for Update and Cancel. */
  references?: CapReference[];
  /** Default `Actual`. */
  status?: CapStatus;
  /** `illustrative`: the outline was drawn from descriptions, not surveyed, and the message says so. */
  zone: { id: string; name: string; geometry: ZoneGeometry; illustrative?: boolean };
  hazard: Hazard;
  /** null on a Cancel; on a Cancel a severity, if given, is the one that ended. */
  severity: Severity | null;
  onset: string;
  expires: string;
  /** The alert signal's fingerprint, carried as a parameter so recipients can correlate with the API. */
  fingerprint?: string;
  decidedBy?: CapDecidedBy;
  /** What the level means on the ground ("Nordre Havnevej og Krabbeløkkevej lukkes"). */
  levelLabel?: CapText;
  /** The level's entry value, in the parameter's canonical unit. */
  levelThreshold?: number;
  /** Initiatives covering the zone: [] says none covers it; absent says nothing about them. */
  initiatives?: CapInitiative[];
  web?: string;
  contact?: string;
}

// CAP forbids spaces, commas and the restricted characters < and & in identifiers and senders (they are
// joined with commas and spaces in <references>); printable ASCII otherwise keeps ids safe in URIs too.
const CAP_ID = /^[\x21-\x7e]+$/;
const CAP_ID_FORBIDDEN = /[,<>&"']/;

export function checkCapId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CAP_ID.test(value) || CAP_ID_FORBIDDEN.test(value)) {
    throw new CapInputError(
      field,
      `${JSON.stringify(value)} must be printable ASCII without spaces, commas, quotes, < > or &`,
    );
  }
  return value;
}

/** Throws a CapInputError for input no valid message can be made from; returns the input unchanged. */
export function validateCapAlertInput(input: CapAlertInput): CapAlertInput {
  checkCapId(input.alertId, 'alertId');
  checkCapId(input.sender, 'sender');
  if (!Number.isInteger(input.sequence) || input.sequence < 1) {
    throw new CapInputError('sequence', `${input.sequence} must be an integer from 1`);
  }
  if (!['Alert', 'Update', 'Cancel'].includes(input.msgType))
    throw new CapInputError('msgType', `unknown ${input.msgType}`);
  if (input.status !== undefined && !['Actual', 'Exercise', 'Test'].includes(input.status)) {
    throw new CapInputError('status', `unknown ${input.status}`);
  }
  if (!HAZARDS.includes(input.hazard)) throw new CapInputError('hazard', `unknown ${input.hazard}`);
  if (input.severity !== null && !SEVERITIES.includes(input.severity)) {
    throw new CapInputError('severity', `unknown ${input.severity}`);
  }
  if (input.severity === null && input.msgType !== 'Cancel') {
    throw new CapInputError('severity', `is required on ${input.msgType}; only a Cancel has none`);
  }
  // Recipients replace or withdraw earlier messages only through <references>; without them an Update
  // would stand beside the Alert it meant to replace, and a Cancel would withdraw nothing.
  const refs = input.references ?? [];
  if (input.msgType !== 'Alert' && refs.length === 0) {
    throw new CapInputError(
      'references',
      `an ${input.msgType} must reference the earlier messages of the alert`,
    );
  }
  refs.forEach((r, i) => {
    checkCapId(r.sender, `references[${i}].sender`);
    checkCapId(r.identifier, `references[${i}].identifier`);
    capInstantMs(r.sent, `references[${i}].sent`);
  });
  capInstantMs(input.sentAt, 'sentAt');
  if (capInstantMs(input.expires, 'expires') < capInstantMs(input.onset, 'onset')) {
    throw new CapInputError('expires', `${input.expires} is before onset ${input.onset}`);
  }
  if (typeof input.zone?.name !== 'string' || input.zone.name.trim() === '') {
    throw new CapInputError('zone.name', 'is required (it is the area description)');
  }
  if (input.decidedBy) {
    capInstantMs(input.decidedBy.observedAt, 'decidedBy.observedAt');
    if (input.decidedBy.forecastRunTime)
      capInstantMs(input.decidedBy.forecastRunTime, 'decidedBy.forecastRunTime');
    if (!Number.isFinite(input.decidedBy.value))
      throw new CapInputError('decidedBy.value', 'must be a finite number');
  }
  if (input.levelThreshold !== undefined && !Number.isFinite(input.levelThreshold)) {
    throw new CapInputError('levelThreshold', 'must be a finite number');
  }
  if (input.web !== undefined && !/^https?:\/\/[^\s<>"]+$/.test(input.web)) {
    throw new CapInputError('web', `${JSON.stringify(input.web)} is not an http(s) URL`);
  }
  return input;
}

export function textIn(text: CapText, lang: 'da' | 'en'): string {
  return typeof text === 'string' ? text : text[lang];
}
