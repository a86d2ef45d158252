// CAP messages and the Atom feed checked by a real validator: xmllint against the OASIS CAP 1.2 schema.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  HAZARDS,
  SEVERITIES,
  buildCapAlert,
  buildCapAtomFeed,
  type CapAlertInput,
  type CapReference,
} from '@klimavagt/domain';
import { NAES_AND_HARBOUR, PARAMETER_OF, SENDER, assensGauge, message } from './cap-fixtures';
import { count, xmllint, xpath } from './xmllint';

const SCHEMA = resolve(__dirname, '../../schemas/CAP-v1.2.xsd');
/** The OASIS file as published; a changed byte means it was edited and no longer is the standard. */
const SCHEMA_SHA256 = 'b7798ef25868b068c97b268bda02d067c7d4ba9373adc5638bf37105804ee723';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'klimavagt-cap-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, xml: string): string {
  const file = join(dir, name);
  writeFileSync(file, xml, 'utf8');
  return file;
}

/** Validates against the schema; on failure the message shows xmllint's complaint and the document. */
function expectValidCap(name: string, xml: string): string {
  const file = write(name, xml);
  const r = xmllint(['--noout', '--schema', SCHEMA, file]);
  if (r.status !== 0) throw new Error(`${name} fails CAP 1.2 validation:\n${r.stderr}\n${xml}`);
  expect(r.stderr).toContain('validates');
  return file;
}

describe('CAP 1.2 schema validation (xmllint)', () => {
  it('has xmllint installed (else: apt-get install libxml2-utils)', () => {
    expect(xmllint(['--version']).stderr).toMatch(/libxml version/);
  });

  it('fails, not skips, with the install hint when xmllint is missing', () => {
    expect(() => xmllint(['--version'], { PATH: join(dir, 'no-such-bin') })).toThrow(
      /apt-get install libxml2-utils/,
    );
  });

  it('validates against the unmodified OASIS schema', () => {
    const bytes = readFileSync(SCHEMA);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(SCHEMA_SHA256);
    expect(bytes.toString('utf8')).toContain('Copyright OASIS Open 2010 All Rights Reserved');
  });

  it('an alert lifecycle yellow → orange → red → cancel is valid and each message references all before it', () => {
    const steps: Partial<CapAlertInput>[] = [
      { msgType: 'Alert', severity: 'yellow' },
      {
        msgType: 'Update',
        severity: 'orange',
        sentAt: '2023-10-20T22:41:00Z',
        decidedBy: assensGauge('2023-10-20T22:40:00Z', 1.27),
        levelLabel: 'Nordre Havnevej og Krabbeløkkevej lukkes',
        levelThreshold: 1.25,
        initiatives: [{ id: 'indre-linje', title: 'Indre beskyttelseslinje (1,80 m)', overtopped: false }],
      },
      {
        msgType: 'Update',
        severity: 'red',
        sentAt: '2023-10-21T00:41:00Z',
        decidedBy: assensGauge('2023-10-21T00:40:00Z', 2.02),
        levelLabel: 'Kritisk: havvand i kloakkerne',
        levelThreshold: 1.51,
        initiatives: [
          { id: 'indre-linje', title: 'Indre beskyttelseslinje (1,80 m)', overtopped: true },
          { id: 'ydre-linje', title: 'Ydre beskyttelseslinje (2,50 m)', overtopped: null, status: 'planned' },
        ],
      },
      {
        msgType: 'Cancel',
        severity: null,
        sentAt: '2023-10-21T09:20:00Z',
        expires: '2023-10-21T09:20:00Z',
        onset: '2023-10-21T09:10:00Z',
        decidedBy: assensGauge('2023-10-21T09:10:00Z', 0.92),
      },
    ];
    const sent: CapReference[] = [];
    const files: string[] = [];
    steps.forEach((step, i) => {
      const input = message({ ...step, sequence: i + 1, references: i === 0 ? undefined : [...sent] });
      const file = expectValidCap(`lifecycle-${i + 1}.xml`, buildCapAlert(input));
      files.push(file);
      // The reference triple is built from what the earlier file actually says, so they must match.
      sent.push({
        sender: xpath(file, '/alert/sender'),
        identifier: xpath(file, '/alert/identifier'),
        sent: xpath(file, '/alert/sent'),
      });
    });
    expect(sent.map((s) => s.identifier)).toEqual(
      [1, 2, 3, 4].map((n) => `assens-havn.coastal-flooding.20231020T2110-${n}`),
    );
    expect(xpath(files[0], '/alert/sent')).toBe('2023-10-20T23:12:03+02:00');
    expect(xpath(files[3], '/alert/references')).toBe(
      sent
        .slice(0, 3)
        .map((s) => `${s.sender},${s.identifier},${s.sent}`)
        .join(' '),
    );
    expect(files.map((f) => xpath(f, '/alert/info[1]/severity'))).toEqual([
      'Moderate',
      'Severe',
      'Extreme',
      'Minor',
    ]);
    expect(files.map((f) => xpath(f, '/alert/msgType'))).toEqual(['Alert', 'Update', 'Update', 'Cancel']);
    expect(xpath(files[2], '/alert/info[1]/description')).toContain(
      'Indre beskyttelseslinje (1,80 m) (beskyttelsen er overskredet)',
    );
    expect(xpath(files[2], '/alert/info[2]/language')).toBe('en-GB');
    expect(xpath(files[0], '/alert/info[1]/area/polygon')).toBe(
      '55.266,9.884 55.266,9.896 55.274,9.896 55.274,9.884 55.266,9.884',
    );
  });

  it('a forecast-based alert for a MultiPolygon zone whose name holds & and < is valid and round-trips', () => {
    const name = 'Assens Næs & havn <illustrativ> "syd"';
    const file = expectValidCap(
      'forecast-multipolygon.xml',
      buildCapAlert(
        message({
          alertId: 'naes.coastal-flooding.forecast.20231020T1800',
          zone: { id: 'assens-naes', name, geometry: NAES_AND_HARBOUR, illustrative: true },
          severity: 'orange',
          decidedBy: assensGauge('2023-10-21T01:00:00Z', 1.83, 'forecast-peak'),
          levelLabel: { da: 'Næsvej & <kolonihaver> oversvømmes', en: 'Næsvej & <allotments> flood' },
          initiatives: [],
        }),
      ),
    );
    expect(xpath(file, '/alert/info[1]/area/areaDesc')).toBe(name);
    expect(count(file, '/alert/info[1]/area/polygon')).toBe(2);
    expect(count(file, '/alert/info[2]/area/polygon')).toBe(2);
    expect(xpath(file, '/alert/info[1]/urgency')).toBe('Expected');
    expect(xpath(file, '/alert/info[1]/certainty')).toBe('Likely');
    expect(xpath(file, '/alert/info[2]/description')).toContain('Næsvej & <allotments> flood');
    expect(xpath(file, '/alert/info[1]/description')).toContain(
      'Ingen klimatilpasningsindsats dækker området.',
    );
  });

  it('every hazard at every severity, observed and forecast, is valid', () => {
    for (const hazard of HAZARDS) {
      for (const severity of SEVERITIES) {
        for (const measure of ['value', 'forecast-peak'] as const) {
          const xml = buildCapAlert(
            message({
              alertId: `z.${hazard}.${severity}.${measure}`,
              hazard,
              severity,
              status: 'Test',
              decidedBy: {
                ...assensGauge('2023-10-20T14:30:00Z', 25.4, measure),
                parameter: PARAMETER_OF[hazard],
              },
              levelLabel: undefined,
            }),
          );
          expectValidCap(`${hazard}-${severity}-${measure}.xml`, xml);
        }
      }
    }
  });

  it('rejects deliberately broken messages, so the validation bites', () => {
    const good = buildCapAlert(message({}));
    const broken: [string, string][] = [
      ['sent-with-Z', good.replace(/<sent>[^<]*<\/sent>/, '<sent>2023-10-20T21:12:03Z</sent>')],
      ['sent-with-millis', good.replace(/<sent>[^<]*<\/sent>/, '<sent>2023-10-20T23:12:03.250+02:00</sent>')],
      [
        'severity-before-urgency',
        good.replace(/(<urgency>[^<]*<\/urgency>)(\s*)(<severity>[^<]*<\/severity>)/, '$3$2$1'),
      ],
      ['unknown-severity', good.replace('<severity>Moderate</severity>', '<severity>Yellow</severity>')],
      ['no-scope', good.replace(/\s*<scope>Public<\/scope>/, '')],
    ];
    for (const [name, xml] of broken) {
      expect(xml).not.toBe(good);
      const r = xmllint(['--noout', '--schema', SCHEMA, write(`broken-${name}.xml`, xml)]);
      expect({ name, status: r.status }).toEqual({ name, status: 3 }); // 3: validation error
      expect(r.stderr).toContain('fails to validate');
    }
  });

  it('the Atom feed of current alerts is well-formed XML (and a broken one is not)', () => {
    const alerts = [
      message({
        alertId: 'assens-havn.coastal-flooding.1',
        sequence: 2,
        msgType: 'Update',
        severity: 'orange',
        references: [
          { sender: SENDER, identifier: 'assens-havn.coastal-flooding.1-1', sent: '2023-10-20T21:00:00Z' },
        ],
      }),
      message({
        alertId: 'naes.coastal-flooding.2',
        zone: { id: 'naes', name: 'Næs & <havn>', geometry: NAES_AND_HARBOUR },
        initiatives: [],
      }),
    ];
    const xml = buildCapAtomFeed({
      baseUrl: 'https://klimavagt.assens.dk',
      updated: '2023-10-20T21:13:00Z',
      alerts,
    });
    const file = write('feed.atom', xml);
    const r = xmllint(['--noout', file]);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(count(file, '/feed/entry')).toBe(2);
    expect(xpath(file, '/feed/entry[2]/title')).toContain('Næs & <havn>');
    const bad = xmllint(['--noout', write('feed-broken.atom', xml.replace('&amp;', '&'))]);
    expect(bad.status).not.toBe(0);
  });
});
