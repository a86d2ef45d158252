// Owns building one OASIS CAP 1.2 message (XML) for a Klimavagt alert: pure, deterministic, schema-valid.
import { PARAMETERS } from '../observations/parameters';
import { CAP_SEVERITY } from '../zones/hazard';
import { capPolygons } from './cap-geometry';
import { validateCapAlertInput, type CapAlertInput, type CapInitiative } from './cap-input';
import { capDescription, capHeadline, isForecast, type Lang } from './cap-text';
import { toCapDateTime } from './cap-time';
import {
  CAP_HAZARD_WORDS,
  capInstruction,
  capResponseTypes,
  type CapCategory,
  type CapResponseType,
} from './cap-vocabulary';
import { el, renderXmlDocument, textEl, type XmlElement } from './xml';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_SENDER_NAME = 'Assens Kommune – Klimavagt';
/** Danish first: the municipality's own language; English for visitors, ships and tourists at the coast. */
export const CAP_LANGUAGES: readonly { language: 'da-DK' | 'en-GB'; lang: Lang }[] = [
  { language: 'da-DK', lang: 'da' },
  { language: 'en-GB', lang: 'en' },
];

export type CapUrgency = 'Immediate' | 'Expected' | 'Past' | 'Unknown';
export type CapSeverityValue = 'Extreme' | 'Severe' | 'Moderate' | 'Minor';
export type CapCertainty = 'Observed' | 'Likely' | 'Unlikely' | 'Unknown';

/** The content of one <info> block, before it is written as XML. */
export interface CapInfoContent {
  language: 'da-DK' | 'en-GB';
  category: CapCategory;
  event: string;
  responseTypes: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverityValue;
  certainty: CapCertainty;
  headline: string;
  description: string;
  instruction: string;
}

/** Unique per message and stable: the same alert and sequence always give the same identifier. */
export function capIdentifier(alertId: string, sequence: number): string {
  return `${alertId}-${sequence}`;
}

/**
 * Urgency, severity and certainty follow the evidence: an observed exceedance is Immediate/Observed, a
 * forecast peak Expected/Likely. A Cancel is the all-clear: Past and Minor ("minimal to no known
 * threat"), which CAP consumers treat as nothing to act on, unlike Unknown.
 */
export function capInfoContent(input: CapAlertInput, lang: Lang): CapInfoContent {
  const words = CAP_HAZARD_WORDS[input.hazard];
  const cancel = input.msgType === 'Cancel';
  const forecast = isForecast(input);
  const evidence = input.decidedBy !== undefined;
  let urgency: CapUrgency;
  let certainty: CapCertainty;
  if (cancel) {
    urgency = 'Past';
    certainty = !evidence ? 'Unknown' : forecast ? 'Unlikely' : 'Observed';
  } else {
    urgency = !evidence ? 'Unknown' : forecast ? 'Expected' : 'Immediate';
    certainty = !evidence ? 'Unknown' : forecast ? 'Likely' : 'Observed';
  }
  return {
    language: lang === 'da' ? 'da-DK' : 'en-GB',
    category: words.category,
    event: words.event[lang],
    responseTypes: capResponseTypes(input.severity, cancel),
    urgency,
    severity: cancel || input.severity === null ? 'Minor' : CAP_SEVERITY[input.severity],
    certainty,
    headline: capHeadline(input, lang),
    description: capDescription(input, lang),
    instruction: capInstruction(input.hazard, input.severity, cancel, lang),
  };
}

/** Machine-readable facts, the same in every language, so recipients need not parse the prose. */
function capParameters(input: CapAlertInput): [string, string][] {
  const p: [string, string][] = [['klimavagt:alertId', input.alertId]];
  if (input.fingerprint) p.push(['klimavagt:fingerprint', input.fingerprint]);
  p.push(['klimavagt:zone', input.zone.id]);
  p.push(['klimavagt:level', input.msgType === 'Cancel' ? 'none' : (input.severity ?? 'none')]);
  const d = input.decidedBy;
  if (d) {
    const unit = PARAMETERS[d.parameter].unit + (d.measure === 'rise-per-hour' ? '/h' : '');
    p.push(['klimavagt:station', d.stationId]);
    p.push(['klimavagt:parameter', d.parameter]);
    p.push(['klimavagt:measure', d.measure]);
    p.push(['klimavagt:measured', `${d.value} ${unit}`]);
    p.push(['klimavagt:measuredAt', toCapDateTime(d.observedAt, 'decidedBy.observedAt')]);
    if (d.forecastRunTime)
      p.push(['klimavagt:forecastRunTime', toCapDateTime(d.forecastRunTime, 'decidedBy.forecastRunTime')]);
    if (input.levelThreshold !== undefined)
      p.push(['klimavagt:threshold', `${input.levelThreshold} ${unit}`]);
  }
  for (const i of input.initiatives ?? []) p.push(['klimavagt:initiative', `${i.id} ${initiativeState(i)}`]);
  return p;
}

function initiativeState(i: CapInitiative): string {
  if (i.status === 'planned' || i.status === 'in-progress') return i.status;
  return i.overtopped === null ? 'not-assessed' : i.overtopped ? 'overtopped' : 'holding';
}

function valuePair(name: string, valueName: string, value: string): XmlElement {
  return el(name, [textEl('valueName', valueName), textEl('value', value)]);
}

/**
 * The CAP 1.2 XML document for one message. Element order is the schema's xs:sequence order (a
 * validator rejects any other); times are Danish local time with offset; two <info> blocks, da-DK and
 * en-GB, each with the whole zone as <area>. Throws CapInputError for input no valid message can come
 * from. Equal input gives byte-equal output.
 */
export function buildCapAlert(input: CapAlertInput): string {
  validateCapAlertInput(input);
  const polygons = capPolygons(input.zone.geometry);
  const references = (input.references ?? [])
    .map((r) => `${r.sender},${r.identifier},${toCapDateTime(r.sent, 'references.sent')}`)
    .join(' ');
  const onset = toCapDateTime(input.onset, 'onset');
  const expires = toCapDateTime(input.expires, 'expires');
  const parameters = capParameters(input);

  const infos = CAP_LANGUAGES.map(({ lang }) => {
    const c = capInfoContent(input, lang);
    return el('info', [
      textEl('language', c.language),
      textEl('category', c.category),
      textEl('event', c.event),
      ...c.responseTypes.map((r) => textEl('responseType', r)),
      textEl('urgency', c.urgency),
      textEl('severity', c.severity),
      textEl('certainty', c.certainty),
      valuePair('eventCode', 'klimavagt:hazard', input.hazard),
      textEl('onset', onset),
      textEl('expires', expires),
      textEl('senderName', CAP_SENDER_NAME),
      textEl('headline', c.headline),
      textEl('description', c.description),
      textEl('instruction', c.instruction),
      input.web !== undefined && textEl('web', input.web),
      input.contact !== undefined && textEl('contact', input.contact),
      ...parameters.map(([name, value]) => valuePair('parameter', name, value)),
      el('area', [textEl('areaDesc', input.zone.name), ...polygons.map((p) => textEl('polygon', p))]),
    ]);
  });

  return renderXmlDocument(
    el(
      'alert',
      [
        textEl('identifier', capIdentifier(input.alertId, input.sequence)),
        textEl('sender', input.sender),
        textEl('sent', toCapDateTime(input.sentAt, 'sentAt')),
        textEl('status', input.status ?? 'Actual'),
        textEl('msgType', input.msgType),
        textEl('scope', 'Public'),
        references !== '' && textEl('references', references),
        // Every message of one alert names the alert as its incident, so a recipient can group them.
        textEl('incidents', input.alertId),
        ...infos,
      ],
      [['xmlns', CAP_NAMESPACE]],
    ),
  );
}
