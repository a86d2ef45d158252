import { buildCapAlert } from './cap-alert';
import type { CapAlertInput } from './cap-input';

const SENDER = 'klimavagt@assens.dk';
const ALERT_ID = 'assens-havn.coastal-flooding.20231020T2110';

function input(over: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    alertId: ALERT_ID,
    sequence: 1,
    sender: SENDER,
    sentAt: '2023-10-20T21:12:00.000Z',
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
            [9.884, 55.266],
          ],
        ],
      },
    },
    hazard: 'coastal-flooding',
    severity: 'yellow',
    onset: '2023-10-20T21:10:00.000Z',
    expires: '2023-10-21T09:10:00.000Z',
    fingerprint: 'assens-havn:coastal-flooding:assens-sea',
    decidedBy: {
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: '2023-10-20T21:10:00.000Z',
      value: 1.27,
      measure: 'value',
    },
    ...over,
  };
}

const REFS = [{ sender: SENDER, identifier: `${ALERT_ID}-1`, sent: '2023-10-20T21:12:00.000Z' }];

/** Element names of the children at `depth` (two spaces per level), in document order. */
function children(xml: string, depth: number): string[] {
  const re = new RegExp(`^ {${depth * 2}}<([A-Za-z]+)`, 'gm');
  return [...xml.matchAll(re)].map((m) => m[1]);
}
function infos(xml: string): string[] {
  return [...xml.matchAll(/<info>[\s\S]*?<\/info>/g)].map((m) => m[0]);
}
function text(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

describe('buildCapAlert', () => {
  it('writes the alert elements in the schema sequence order, with two info blocks', () => {
    const xml = buildCapAlert(
      input({ msgType: 'Update', sequence: 2, references: REFS, severity: 'orange' }),
    );
    const head =
      '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">\n';
    expect(xml.startsWith(head)).toBe(true);
    expect(children(xml, 1)).toEqual(
      'identifier sender sent status msgType scope references incidents info info'.split(' '),
    );
    const order =
      'language category event responseType urgency severity certainty eventCode onset expires senderName headline description instruction parameter area'.split(
        ' ',
      );
    for (const info of infos(xml)) {
      const names = children(info, 2).filter((n, i, all) => n !== all[i - 1]);
      expect(names).toEqual(order);
    }
  });

  it('identifies each message as `${alertId}-${sequence}`, from the sender, Public, status Actual by default', () => {
    const xml = buildCapAlert(input({ sequence: 1 }));
    expect(text(xml, 'identifier')).toEqual([`${ALERT_ID}-1`]);
    expect(text(xml, 'sender')).toEqual([SENDER]);
    expect(text(xml, 'status')).toEqual(['Actual']);
    expect(text(xml, 'scope')).toEqual(['Public']);
    expect(text(xml, 'incidents')).toEqual([ALERT_ID]);
    expect(xml).not.toContain('<references>');
    expect(text(buildCapAlert(input({ status: 'Exercise' })), 'status')).toEqual(['Exercise']);
  });

  it('writes every time in CAP form: Danish offset, no Z, no milliseconds', () => {
    const xml = buildCapAlert(input());
    expect(text(xml, 'sent')).toEqual(['2023-10-20T23:12:00+02:00']);
    expect(text(xml, 'onset')).toEqual(['2023-10-20T23:10:00+02:00', '2023-10-20T23:10:00+02:00']);
    expect(text(xml, 'expires')).toEqual(['2023-10-21T11:10:00+02:00', '2023-10-21T11:10:00+02:00']);
    expect(xml).not.toMatch(/\d\d:\d\d:\d\d(\.\d+)?Z/);
  });

  it('speaks Danish then English: language, event, headline, description, instruction', () => {
    const [da, en] = infos(buildCapAlert(input({ severity: 'orange' })));
    expect(text(da, 'language')).toEqual(['da-DK']);
    expect(text(en, 'language')).toEqual(['en-GB']);
    expect(text(da, 'event')).toEqual(['Forhøjet vandstand']);
    expect(text(en, 'event')).toEqual(['Storm surge']);
    expect(text(da, 'headline')).toEqual([
      'Orange: forhøjet vandstand ved Assens Havn – 1,27 m DVR90 målt kl. 23:10',
    ]);
    expect(text(en, 'headline')).toEqual([
      'Orange: storm surge at Assens Havn – 1.27 m DVR90 measured at 23:10',
    ]);
    expect(text(da, 'description')[0]).toContain(
      'Vandstanden ved station 9020201 var 1,27 m DVR90 den 20. oktober 2023 kl. 23:10.',
    );
    expect(text(en, 'description')[0]).toContain(
      'The sea level at station 9020201 was 1.27 m DVR90 on 20 October 2023 at 23:10 (Danish time).',
    );
    expect(text(da, 'instruction')[0]).toMatch(/^Vær forberedt: hold dig væk fra kajer/);
    expect(text(en, 'instruction')[0]).toMatch(/^Be prepared: stay away from quays/);
    expect(text(da, 'senderName')).toEqual(['Assens Kommune – Klimavagt']);
  });

  it('maps severities through CAP_SEVERITY with growing response types', () => {
    const of = (severity: 'yellow' | 'orange' | 'red') => infos(buildCapAlert(input({ severity })))[0];
    expect([text(of('yellow'), 'severity'), text(of('yellow'), 'responseType')]).toEqual([
      ['Moderate'],
      ['Monitor'],
    ]);
    expect([text(of('orange'), 'severity'), text(of('orange'), 'responseType')]).toEqual([
      ['Severe'],
      ['Prepare'],
    ]);
    expect([text(of('red'), 'severity'), text(of('red'), 'responseType')]).toEqual([
      ['Extreme'],
      ['Prepare', 'Avoid'],
    ]);
    expect(text(of('red'), 'headline')[0]).toMatch(/^Rød: /);
  });

  it('says Immediate/Observed for a measurement and Expected/Likely for a forecast peak', () => {
    const observed = infos(buildCapAlert(input()))[0];
    expect([text(observed, 'urgency'), text(observed, 'certainty')]).toEqual([['Immediate'], ['Observed']]);
    const forecast = buildCapAlert(
      input({
        decidedBy: {
          stationId: '9020201',
          parameter: 'sea_level',
          observedAt: '2023-10-21T01:00:00Z',
          value: 1.83,
          measure: 'forecast-peak',
          forecastRunTime: '2023-10-20T18:00:00Z',
        },
      }),
    );
    const [da, en] = infos(forecast);
    expect([text(da, 'urgency'), text(da, 'certainty')]).toEqual([['Expected'], ['Likely']]);
    expect(text(da, 'headline')[0]).toBe(
      'Gul: forhøjet vandstand ved Assens Havn – ventet top 1,83 m DVR90 kl. 03:00',
    );
    expect(text(en, 'description')[0]).toContain(
      'The forecast for station 9020201 gives a peak of 1.83 m DVR90 on 21 October 2023 at 03:00 (Danish time) (model run 20 October 2023 at 20:00 (Danish time)).',
    );
    expect(text(da, 'description')[0]).toContain('Niveau gul (vær opmærksom) ventes nået');
  });

  it('references every earlier message on Update and Cancel as space-separated sender,identifier,sent triples', () => {
    const refs = [...REFS, { sender: SENDER, identifier: `${ALERT_ID}-2`, sent: '2023-10-20T22:40:00.000Z' }];
    const xml = buildCapAlert(input({ msgType: 'Update', sequence: 3, references: refs, severity: 'red' }));
    expect(text(xml, 'references')).toEqual([
      `${SENDER},${ALERT_ID}-1,2023-10-20T23:12:00+02:00 ${SENDER},${ALERT_ID}-2,2023-10-21T00:40:00+02:00`,
    ]);
    // The triple's time is the referenced message's own <sent>, byte for byte.
    expect(text(buildCapAlert(input()), 'sent')[0]).toBe('2023-10-20T23:12:00+02:00');
  });

  it('sends the all-clear on Cancel: AllClear, Past, Minor, "Ophævet"/"Cancelled"', () => {
    const xml = buildCapAlert(input({ msgType: 'Cancel', sequence: 4, references: REFS, severity: null }));
    expect(text(xml, 'msgType')).toEqual(['Cancel']);
    const [da, en] = infos(xml);
    expect([
      text(da, 'responseType'),
      text(da, 'urgency'),
      text(da, 'severity'),
      text(da, 'certainty'),
    ]).toEqual([['AllClear'], ['Past'], ['Minor'], ['Observed']]);
    expect(text(da, 'headline')[0]).toMatch(/^Ophævet: forhøjet vandstand ved Assens Havn/);
    expect(text(en, 'headline')[0]).toMatch(/^Cancelled: storm surge at Assens Havn/);
    expect(text(da, 'description')[0]).toContain(
      'Varslingen er ophævet: niveauet er ikke længere overskredet.',
    );
    expect(text(en, 'instruction')[0]).toMatch(/^The danger has passed/);
    expect(xml).toContain('<valueName>klimavagt:level</valueName>\n      <value>none</value>');
    const withEnded = infos(
      buildCapAlert(input({ msgType: 'Cancel', sequence: 4, references: REFS, severity: 'red' })),
    )[1];
    expect(text(withEnded, 'description')[0]).toContain('The warning is cancelled (was red)');
    expect(text(withEnded, 'severity')).toEqual(['Minor']);
  });

  it('escapes < & " \' in every text and never lets markup through', () => {
    const name = `Ved "Stranden" & <Næs>'s kaj`;
    const xml = buildCapAlert(
      input({
        zone: { ...input().zone, name },
        levelLabel: 'vand > 1 m & <lukket>',
        contact: 'Vagt: "112" & \'Beredskab\'',
      }),
    );
    expect(xml).toContain('<areaDesc>Ved &quot;Stranden&quot; &amp; &lt;Næs&gt;&apos;s kaj</areaDesc>');
    expect(xml).toContain('vand &gt; 1 m &amp; &lt;lukket&gt;');
    expect(xml).toContain('<contact>Vagt: &quot;112&quot; &amp; &apos;Beredskab&apos;</contact>');
    expect(xml).not.toContain('<Næs>');
    expect(xml).not.toContain('<lukket>');
    // Every & starts an entity; no stray markup characters inside text.
    expect(xml.match(/&(?!amp;|lt;|gt;|quot;|apos;)/g)).toBeNull();
  });

  it('writes the area as the zone name and one latitude-first polygon per exterior ring', () => {
    const xml = buildCapAlert(input());
    expect(text(xml, 'areaDesc')).toEqual(['Assens Havn', 'Assens Havn']);
    expect(text(xml, 'polygon')).toEqual([
      '55.266,9.884 55.266,9.896 55.274,9.896 55.274,9.884 55.266,9.884',
      '55.266,9.884 55.266,9.896 55.274,9.896 55.274,9.884 55.266,9.884',
    ]);
  });

  it('carries machine-readable parameters and the hazard as an eventCode', () => {
    const xml = infos(
      buildCapAlert(
        input({
          levelThreshold: 1.25,
          initiatives: [{ id: 'indre-linje', title: 'Indre linje', overtopped: false }],
        }),
      ),
    )[0];
    const pairs = [
      ...xml.matchAll(/<parameter>\s*<valueName>([^<]*)<\/valueName>\s*<value>([^<]*)<\/value>/g),
    ].map((m) => [m[1], m[2]]);
    expect(pairs).toEqual([
      ['klimavagt:alertId', ALERT_ID],
      ['klimavagt:fingerprint', 'assens-havn:coastal-flooding:assens-sea'],
      ['klimavagt:zone', 'assens-havn'],
      ['klimavagt:level', 'yellow'],
      ['klimavagt:station', '9020201'],
      ['klimavagt:parameter', 'sea_level'],
      ['klimavagt:measure', 'value'],
      ['klimavagt:measured', '1.27 m'],
      ['klimavagt:measuredAt', '2023-10-20T23:10:00+02:00'],
      ['klimavagt:threshold', '1.25 m'],
      ['klimavagt:initiative', 'indre-linje holding'],
    ]);
    expect(xml).toContain(
      '<eventCode>\n      <valueName>klimavagt:hazard</valueName>\n      <value>coastal-flooding</value>',
    );
  });

  it('is deterministic and leaves its input untouched', () => {
    const i = input({ msgType: 'Update', sequence: 2, references: REFS, initiatives: [] });
    const frozen = JSON.stringify(i);
    expect(buildCapAlert(i)).toBe(buildCapAlert(JSON.parse(frozen) as CapAlertInput));
    expect(JSON.stringify(i)).toBe(frozen);
  });
});
