import { buildCapAlert } from './cap-alert';
import { buildCapAtomFeed, capAtomEntryId, capMessageHref, type CapAtomFeedInput } from './cap-atom-feed';
import { CapInputError } from './cap-error';
import type { CapAlertInput } from './cap-input';

const BASE = 'https://klimavagt.assens.dk';

function alert(alertId: string, sentAt: string, over: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    alertId,
    sequence: 1,
    sender: 'klimavagt@assens.dk',
    sentAt,
    msgType: 'Alert',
    zone: {
      id: 'assens-havn',
      name: 'Assens Havn',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [9.884, 55.266],
            [9.896, 55.266],
            [9.896, 55.274],
            [9.884, 55.274],
          ],
        ],
      },
    },
    hazard: 'coastal-flooding',
    severity: 'yellow',
    onset: sentAt,
    expires: '2023-10-22T00:00:00Z',
    decidedBy: {
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: sentAt,
      value: 1.27,
      measure: 'value',
    },
    ...over,
  };
}

function feed(over: Partial<CapAtomFeedInput> = {}): string {
  return buildCapAtomFeed({ baseUrl: BASE, updated: '2023-10-21T01:00:00.000Z', alerts: [], ...over });
}
const text = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const entries = (xml: string) => [...xml.matchAll(/<entry>[\s\S]*?<\/entry>/g)].map((m) => m[0]);

describe('buildCapAtomFeed', () => {
  it('writes an Atom 1.0 feed with id, title, updated and author, even with no alerts', () => {
    const xml = feed();
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da-DK">',
        '  <id>tag:assens.dk,2025:klimavagt:alerts</id>',
        '  <title>Klimavagt – aktuelle varsler, Assens Kommune</title>',
        '  <updated>2023-10-21T03:00:00+02:00</updated>',
        '  <author>',
        '    <name>Assens Kommune – Klimavagt</name>',
        '  </author>',
        '</feed>',
        '',
      ].join('\n'),
    );
  });

  it('has one entry per alert: tag: id of the CAP identifier, headline, sent, link to the CAP message, summary', () => {
    const a = alert('assens-havn.coastal-flooding.1', '2023-10-20T21:12:00Z', {
      sequence: 3,
      msgType: 'Update',
      severity: 'red',
      references: [
        {
          sender: 'klimavagt@assens.dk',
          identifier: 'assens-havn.coastal-flooding.1-2',
          sent: '2023-10-20T20:00:00Z',
        },
      ],
    });
    const [entry] = entries(feed({ alerts: [a] }));
    const cap = buildCapAlert(a);
    expect(text(entry, 'id')).toEqual(['tag:assens.dk,2025:cap:assens-havn.coastal-flooding.1-3']);
    expect(text(entry, 'title')).toEqual([text(cap, 'headline')[0]]);
    expect(text(entry, 'updated')).toEqual(text(cap, 'sent'));
    expect(entry).toContain(
      `<link rel="alternate" type="application/cap+xml" href="${BASE}/v1/alerts/assens-havn.coastal-flooding.1/cap"/>`,
    );
    expect(text(entry, 'summary')).toEqual([text(cap, 'description')[0]]);
    expect(entry.indexOf('<id>')).toBeLessThan(entry.indexOf('<title>'));
  });

  it('orders entries newest first, then by alert id, whatever the input order', () => {
    const alerts = [
      alert('b', '2023-10-20T21:00:00Z'),
      alert('c', '2023-10-20T23:00:00Z'),
      alert('a', '2023-10-20T21:00:00Z'),
    ];
    const xml = feed({ alerts });
    expect(entries(xml).map((e) => text(e, 'id')[0])).toEqual([
      'tag:assens.dk,2025:cap:c-1',
      'tag:assens.dk,2025:cap:a-1',
      'tag:assens.dk,2025:cap:b-1',
    ]);
    expect(feed({ alerts: [...alerts].reverse() })).toBe(xml);
  });

  it('escapes titles and summaries, and speaks English on request', () => {
    const a = alert('x', '2023-10-20T21:00:00Z', {
      zone: { ...alert('x', '2023-10-20T21:00:00Z').zone, name: 'Havn & <Næs> "Syd"' },
    });
    const xml = feed({ alerts: [a], language: 'en-GB', title: 'Alerts & <more>' });
    expect(xml).toContain('xml:lang="en-GB"');
    expect(xml).toContain('<title>Alerts &amp; &lt;more&gt;</title>');
    expect(xml).toContain(
      '<title>Yellow: storm surge at Havn &amp; &lt;Næs&gt; &quot;Syd&quot; – 1.27 m DVR90 measured at 23:00</title>',
    );
    expect(xml).not.toContain('<Næs>');
  });

  it('writes the author, a self link and a custom tag authority when given', () => {
    const xml = feed({
      author: { name: 'Beredskab', email: 'vagt@assens.dk', uri: 'https://assens.dk' },
      selfHref: `${BASE}/v1/alerts.atom`,
      tagAuthority: 'klimavagt@assens.dk,2026-01-01',
    });
    expect(xml).toContain(
      '  <author>\n    <name>Beredskab</name>\n    <email>vagt@assens.dk</email>\n    <uri>https://assens.dk</uri>\n  </author>',
    );
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/v1/alerts.atom"/>`);
    expect(text(xml, 'id')).toEqual(['tag:klimavagt@assens.dk,2026-01-01:klimavagt:alerts']);
  });

  it('keeps ids and links valid URIs for any allowed alert id', () => {
    expect(capAtomEntryId('zone%1|x-2')).toBe('tag:assens.dk,2025:cap:zone%251%7Cx-2');
    expect(capMessageHref(`${BASE}/`, 'a:b/c')).toBe(`${BASE}/v1/alerts/a%3Ab%2Fc/cap`);
  });

  it('refuses two messages of one alert, a bad base URL and invalid alerts', () => {
    expect(() =>
      feed({ alerts: [alert('a', '2023-10-20T21:00:00Z'), alert('a', '2023-10-20T22:00:00Z')] }),
    ).toThrow(/a appears twice/);
    expect(() => feed({ baseUrl: 'klimavagt.assens.dk' })).toThrow(CapInputError);
    expect(() => feed({ alerts: [alert('a b', '2023-10-20T21:00:00Z')] })).toThrow(/^alertId: /);
    expect(() => feed({ updated: 'now' })).toThrow(/^updated: /);
  });
});
