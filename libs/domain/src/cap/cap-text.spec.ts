import { capInfoContent } from './cap-alert';
import type { CapAlertInput } from './cap-input';
import { CAP_HEADLINE_MAX, capDescription, capHeadline, quantityText } from './cap-text';

function input(over: Partial<CapAlertInput> = {}): CapAlertInput {
  return {
    alertId: 'assens-havn.coastal-flooding.1',
    sequence: 1,
    sender: 'klimavagt@assens.dk',
    sentAt: '2023-10-20T21:12:00Z',
    msgType: 'Alert',
    zone: { id: 'assens-havn', name: 'Assens Havn', geometry: { type: 'Polygon', coordinates: [] } },
    hazard: 'coastal-flooding',
    severity: 'yellow',
    onset: '2023-10-20T21:10:00Z',
    expires: '2023-10-21T09:10:00Z',
    decidedBy: {
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: '2023-10-20T21:10:00Z',
      value: 1.27,
      measure: 'value',
    },
    ...over,
  };
}

describe('CAP text', () => {
  it('tells which initiatives cover the zone and whether they held, or that none does', () => {
    expect(capDescription(input({ initiatives: [] }), 'da')).toContain(
      'Ingen klimatilpasningsindsats dækker området.',
    );
    expect(capDescription(input({ initiatives: [] }), 'en')).toContain(
      'No climate-adaptation initiative covers this area.',
    );
    // Absent means "not known", which must not read as "none covers it".
    expect(capDescription(input(), 'da')).not.toMatch(/indsats/i);
    const initiatives = [
      { id: 'mur', title: 'Højvandsmur Nordre Havnevej', overtopped: true },
      { id: 'dige', title: 'Dige ved Næsvej', overtopped: false },
      { id: 'klit', title: 'Klitlandskab Assens Næs', overtopped: null, status: 'planned' as const },
      { id: 'plan', title: 'Sokkelkote 2,50 m', overtopped: null },
    ];
    expect(capDescription(input({ initiatives }), 'da')).toContain(
      'Indsatser, der dækker området: Højvandsmur Nordre Havnevej (beskyttelsen er overskredet); Dige ved Næsvej ' +
        '(beskyttelsen holder); Klitlandskab Assens Næs (planlagt, beskytter endnu ikke); Sokkelkote 2,50 m (ikke vurderet).',
    );
    expect(capDescription(input({ initiatives }), 'en')).toContain(
      'Højvandsmur Nordre Havnevej (protection overtopped); Dige ved Næsvej (protection holding)',
    );
    const forecast = input({
      initiatives,
      decidedBy: {
        stationId: '9020201',
        parameter: 'sea_level',
        observedAt: '2023-10-21T01:00:00Z',
        value: 1.9,
        measure: 'forecast-peak',
      },
    });
    expect(capDescription(forecast, 'da')).toContain(
      'Højvandsmur Nordre Havnevej (ventes overskredet); Dige ved Næsvej (ventes at holde)',
    );
  });

  it('states the level, its threshold and meaning, and says when the outline is illustrative', () => {
    const over: Partial<CapAlertInput> = {
      severity: 'orange',
      levelThreshold: 1.25,
      levelLabel: {
        da: 'Nordre Havnevej og Krabbeløkkevej lukkes.',
        en: 'Nordre Havnevej and Krabbeløkkevej are closed.',
      },
      zone: { ...input().zone, illustrative: true },
    };
    const da = capDescription(input(over), 'da');
    const en = capDescription(input(over), 'en');
    expect(da).toContain(
      'Niveau orange (vær forberedt) er nået ved 1,25 m DVR90: Nordre Havnevej og Krabbeløkkevej lukkes.',
    );
    expect(en).toContain(
      'Level orange (be prepared) reached at 1.25 m DVR90: Nordre Havnevej and Krabbeløkkevej are closed.',
    );
    expect(da).toContain('Områdets afgrænsning er vejledende og ikke opmålt.');
    expect(en).toContain('The outline of the area is illustrative, not surveyed.');
    expect(capDescription(input({ levelLabel: 'Vand på kajerne' }), 'en')).toContain(': Vand på kajerne.');
  });

  it(`keeps headlines within ${CAP_HEADLINE_MAX} characters, cutting whole characters`, () => {
    const name =
      'Assens Næs, Næsvej, kolonihaverne, sommerhusene med sokkel 1,90 m, campingpladsen og lystbådehavnen ' +
      'samt Kærum Å’s udløb og Willemoesgade 🌊🌊🌊';
    for (const lang of ['da', 'en'] as const) {
      const headline = capHeadline(input({ zone: { ...input().zone, name } }), lang);
      expect(Array.from(headline).length).toBeLessThanOrEqual(CAP_HEADLINE_MAX);
      expect(headline.endsWith('…')).toBe(true);
      expect(headline).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(capHeadline(input(), 'da')).toBe(
      'Gul: forhøjet vandstand ved Assens Havn – 1,27 m DVR90 målt kl. 23:10',
    );
    expect(capHeadline(input({ decidedBy: undefined }), 'en')).toBe('Yellow: storm surge at Assens Havn');
  });

  it('describes rain sums and rates of rise in their units', () => {
    const rain = capInfoContent(
      input({
        hazard: 'cloudburst',
        decidedBy: {
          stationId: '06123',
          stationName: 'Assens/Torø',
          parameter: 'precip_past10min',
          observedAt: '2023-10-20T14:30:00Z',
          value: 16.8,
          measure: 'window-sum',
        },
      }),
      'da',
    );
    expect(rain.headline).toBe('Gul: skybrud ved Assens Havn – 16,8 mm målt kl. 16:30');
    expect(rain.description).toContain(
      'Nedbøren ved Assens/Torø (06123) var 16,8 mm samlet i perioden op til den 20. oktober 2023 kl. 16:30.',
    );
    const rise = capInfoContent(
      input({
        decidedBy: {
          stationId: '9020201',
          parameter: 'sea_level',
          observedAt: '2023-10-20T21:10:00Z',
          value: 0.3,
          measure: 'rise-per-hour',
        },
      }),
      'en',
    );
    expect(rise.headline).toBe('Yellow: storm surge at Assens Havn – rising 0.30 m/h at 23:10');
  });

  it('formats quantities with the unit, the datum for levels, and a decimal comma in Danish', () => {
    const level = { parameter: 'sea_level' as const, measure: 'value' as const };
    expect(quantityText(1.625, level, 'da')).toBe('1,63 m DVR90');
    expect(quantityText(-0.001, level, 'en')).toBe('0.00 m DVR90');
    expect(quantityText(24.56, { parameter: 'wind_speed', measure: 'value' }, 'da')).toBe('24,6 m/s');
    expect(quantityText(12, { parameter: 'temp_dry', measure: 'value' }, 'en')).toBe('12.0 °C');
  });
});
