// Test fixtures for Assens: the harbour tide gauge and a harbour zone with the brief's levels (1.00 / 1.25 / 1.51 m DVR90).
import type { Station, ZoneRule } from '@klimavagt/domain';
import type { ZoneDocument } from '@klimavagt/storage';

export const ASSENS_GAUGE: Station = {
  id: '9020201',
  name: 'Assens Havn I',
  source: 'dmi-oceanobs',
  owner: 'Kystdirektoratet',
  location: [9.8897, 55.2706],
  providerParameters: ['sea_reg'],
  parameters: ['sea_level'],
};

export const ASSENS_WEATHER: Station = {
  id: '06123',
  name: 'Assens/Torø',
  source: 'dmi-metobs',
  owner: 'DMI',
  location: [9.8882, 55.2444],
  providerParameters: ['wind_speed', 'wind_dir', 'precip_past10min'],
  parameters: ['wind_speed', 'wind_dir', 'precip_past10min'],
};

export const SEA_LEVEL_RULE: ZoneRule = {
  id: 'sea-level',
  hazard: 'coastal-flooding',
  spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 600_000 },
  enabled: true,
};

/** A small zone over Assens harbour, judged by the harbour gauge, with the rules a test names. */
export function harbourTestZone(id: string, rules: ZoneRule[]): ZoneDocument {
  return {
    id,
    name: `Assens Havn (${id})`,
    illustrative: true,
    hazards: ['coastal-flooding'],
    owner: 'Assens Kommune',
    geometry: { type: 'Polygon', coordinates: [[[9.884, 55.266], [9.896, 55.266], [9.896, 55.274], [9.884, 55.274], [9.884, 55.266]]] },
    representativeStationIds: [ASSENS_GAUGE.id],
    nearbyDistanceM: 0,
    levelSets: [
      {
        id: 'today',
        name: 'Dagens niveauer',
        version: 1,
        datum: 'DVR90',
        scenario: 'today',
        levels: [
          { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'water on the quays' },
          { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej closed' },
          { severity: 'red', enter: 1.51, leave: 1.45, label: 'critical' },
        ],
      },
    ],
    rules,
  };
}
