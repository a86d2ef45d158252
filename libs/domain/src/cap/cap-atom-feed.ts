// Owns the Atom 1.0 feed (RFC 4287) of current alerts: one entry per alert, linking to its CAP message.
import { CAP_LANGUAGES, capIdentifier, capInfoContent } from './cap-alert';
import { CapInputError } from './cap-error';
import { validateCapAlertInput, type CapAlertInput } from './cap-input';
import { capInstantMs, toCapDateTime } from './cap-time';
import { el, renderXmlDocument, textEl } from './xml';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
/**
 * RFC 4151 tagging entity: a domain the municipality held on that date. It must never change, or every
 * id changes with it and readers show all alerts again as new.
 */
export const KLIMAVAGT_TAG_AUTHORITY = 'assens.dk,2025';

export interface CapAtomFeedInput {
  /** API base, e.g. `https://klimavagt.assens.dk`; entries link to `${baseUrl}/v1/alerts/${alertId}/cap`. */
  baseUrl: string;
  /** When the set of current alerts last changed: passed in, since the domain reads no clock. */
  updated: string;
  /** The newest message of each current alert (one per alertId). */
  alerts: CapAlertInput[];
  /** Which of the message's languages the entries speak. Default da-DK. */
  language?: 'da-DK' | 'en-GB';
  title?: string;
  author?: { name: string; email?: string; uri?: string };
  /** The feed's own URL, for rel="self" (RFC 4287 recommends it). */
  selfHref?: string;
  tagAuthority?: string;
}

// RFC 4151 `specific` is pchar / "/" / "?"; anything else is percent-encoded so the id stays a valid URI.
const TAG_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;

function tagUri(authority: string, specific: string): string {
  const encoded = Array.from(specific)
    .map((c) => (TAG_SAFE.test(c) ? c : encodeURIComponent(c)))
    .join('');
  return `tag:${authority}:${encoded}`;
}

/** The Atom entry id of a CAP message: its identifier as a tag: URI. */
export function capAtomEntryId(identifier: string, tagAuthority = KLIMAVAGT_TAG_AUTHORITY): string {
  return tagUri(tagAuthority, `cap:${identifier}`);
}

/** Where the API serves an alert's current CAP message. */
export function capMessageHref(baseUrl: string, alertId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/alerts/${encodeURIComponent(alertId)}/cap`;
}

/**
 * The feed XML. Entries are ordered newest `sent` first, then by alert id, so the output depends only
 * on the set of alerts, not on the order they were passed in. Equal input gives byte-equal output.
 */
export function buildCapAtomFeed(input: CapAtomFeedInput): string {
  if (!/^https?:\/\/[^\s<>"]+$/.test(input.baseUrl)) {
    throw new CapInputError('baseUrl', `${JSON.stringify(input.baseUrl)} is not an http(s) URL`);
  }
  const language = input.language ?? 'da-DK';
  const lang = CAP_LANGUAGES.find((l) => l.language === language)?.lang;
  if (!lang) throw new CapInputError('language', `unknown ${language}`);
  const authority = input.tagAuthority ?? KLIMAVAGT_TAG_AUTHORITY;
  const seen = new Set<string>();
  for (const a of input.alerts) {
    validateCapAlertInput(a);
    if (seen.has(a.alertId))
      throw new CapInputError('alerts', `${a.alertId} appears twice; pass only its newest message`);
    seen.add(a.alertId);
  }
  const alerts = [...input.alerts].sort(
    (a, b) =>
      capInstantMs(b.sentAt, 'sentAt') - capInstantMs(a.sentAt, 'sentAt') ||
      (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0),
  );
  const author = input.author ?? { name: 'Assens Kommune – Klimavagt' };

  const entries = alerts.map((a) => {
    const info = capInfoContent(a, lang);
    return el('entry', [
      textEl('id', capAtomEntryId(capIdentifier(a.alertId, a.sequence), authority)),
      textEl('title', info.headline),
      textEl('updated', toCapDateTime(a.sentAt, 'sentAt')),
      el(
        'link',
        [],
        [
          ['rel', 'alternate'],
          ['type', 'application/cap+xml'],
          ['href', capMessageHref(input.baseUrl, a.alertId)],
        ],
      ),
      el(
        'category',
        [],
        [
          ['term', a.hazard],
          ['label', info.event],
        ],
      ),
      textEl('summary', info.description),
    ]);
  });

  return renderXmlDocument(
    el(
      'feed',
      [
        textEl('id', tagUri(authority, 'klimavagt:alerts')),
        textEl(
          'title',
          input.title ??
            (lang === 'da'
              ? 'Klimavagt – aktuelle varsler, Assens Kommune'
              : 'Klimavagt – current alerts, Assens Kommune'),
        ),
        textEl('updated', toCapDateTime(input.updated, 'updated')),
        el('author', [
          textEl('name', author.name),
          author.email !== undefined && textEl('email', author.email),
          author.uri !== undefined && textEl('uri', author.uri),
        ]),
        input.selfHref !== undefined &&
          el(
            'link',
            [],
            [
              ['rel', 'self'],
              ['type', 'application/atom+xml'],
              ['href', input.selfHref],
            ],
          ),
        ...entries,
      ],
      [
        ['xmlns', ATOM_NAMESPACE],
        ['xml:lang', language],
      ],
    ),
  );
}
