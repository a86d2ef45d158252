// Seed data for Assens Kommune: the gauges and weather stations that judge its zones, and illustrative zones
// drawn around the places that flood (domain brief, sections 2 and 3). No surveyed polygons exist: every zone
// says so in its name and `illustrative` flag, and the 2050 level set is an illustrative scenario.
import type { LevelSet, PolygonGeometry as Polygon, Station, ZoneRule } from '@klimavagt/domain';
import type { StationsRepository, ZoneDocument, ZonesRepository } from '@klimavagt/storage';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const OWNER = 'Assens Kommune';
const ASSENS_GAUGE = '9020201';
const FAABORG_GAUGE = '9020301';
const ASSENS_WEATHER = '06123';
const AARSLEV_WEATHER = '06126';

/** The stations named in the brief; ids are strings with their leading zeros. */
export const ASSENS_SEED_STATIONS: readonly Station[] = [
  {
    id: '06123',
    name: 'Assens/Torø',
    source: 'dmi-metobs',
    owner: 'DMI',
    location: [9.8882, 55.2444],
    providerParameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry'],
    parameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry'],
  },
  {
    id: '06126',
    name: 'Årslev',
    source: 'dmi-metobs',
    owner: 'DMI',
    location: [10.4398, 55.3088],
    providerParameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry'],
    parameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry'],
  },
  {
    id: '06120',
    name: 'Odense Lufthavn',
    source: 'dmi-metobs',
    owner: 'DMI',
    location: [10.33, 55.47],
    providerParameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry', 'pressure_at_sea'],
    parameters: ['precip_past10min', 'precip_past1h', 'precip_past24h', 'wind_speed', 'wind_max', 'wind_dir', 'temp_dry', 'pressure_at_sea'],
  },
  ...(
    [
      ['9020201', 'Assens Havn I', [9.8897, 55.2706]],
      ['9020301', 'Fåborg Havn I', [10.2412, 55.0934]],
      ['9020101', 'Bogense', [10.09, 55.57]],
      ['9020401', 'Kerteminde', [10.6651, 55.4508]],
    ] as const
  ).map(([id, name, [lon, lat]]): Station => ({
    id,
    name,
    source: 'dmi-oceanobs',
    owner: 'Kystdirektoratet',
    location: [lon, lat],
    providerParameters: ['sea_reg'],
    parameters: ['sea_level'],
  })),
  ...(
    [
      ['23293', 'Fredericia Havn', [9.753, 55.5595]],
      ['28234', 'Slipshavn', [10.8264, 55.2878]],
      ['28548', 'Bagenkop', [10.6724, 54.7517]],
    ] as const
  ).map(([id, name, [lon, lat]]): Station => ({
    id,
    name,
    source: 'dmi-oceanobs',
    owner: 'DMI',
    location: [lon, lat],
    providerParameters: ['sealev_dvr'],
    parameters: ['sea_level'],
  })),
];

/** A counter-clockwise exterior ring from its corners (closed here). */
function ring(...corners: [number, number][]): Polygon {
  return { type: 'Polygon', coordinates: [[...corners, corners[0]]] };
}

/** Sea-level levels at Assens Havn (m DVR90): the harbour master's, the municipality's and the press's. */
function seaLevelSets(labels: { yellow: string; orange: string; red: string }): LevelSet[] {
  return [
    {
      id: 'today',
      name: 'Varslingsniveauer i dag (Assens Havn, DVR90)',
      version: 1,
      datum: 'DVR90',
      scenario: 'today',
      levels: [
        { severity: 'yellow', enter: 1.0, leave: 0.95, label: labels.yellow },
        { severity: 'orange', enter: 1.25, leave: 1.2, label: labels.orange },
        { severity: 'red', enter: 1.51, leave: 1.45, label: labels.red },
      ],
    },
    {
      id: '2050-rcp45',
      name: 'Varslingsniveauer 2050 (illustrativ)',
      version: 1,
      datum: 'DVR90',
      scenario: '2050 RCP4.5 (+0.30 m havstigning; illustrativt scenarie)',
      levels: [
        { severity: 'yellow', enter: 1.3, leave: 1.25, label: `${labels.yellow} (+0,30 m)` },
        { severity: 'orange', enter: 1.55, leave: 1.5, label: `${labels.orange} (+0,30 m)` },
        { severity: 'red', enter: 1.81, leave: 1.75, label: `${labels.red} (+0,30 m)` },
      ],
    },
  ];
}

/** DMI's mean-wind categories (m/s): stormende kuling, storm, orkan. */
const WIND_LEVELS: LevelSet = {
  id: 'vind',
  name: 'Middelvind (DMI)',
  version: 1,
  datum: 'none',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 20.8, leave: 19.5, label: 'Stormende kuling (over 20,8 m/s)' },
    { severity: 'orange', enter: 24.5, leave: 23, label: 'Storm (over 24,5 m/s)' },
    { severity: 'red', enter: 32.6, leave: 31, label: 'Orkan (over 32,6 m/s)' },
  ],
};

/** Onshore wind sector (degrees the wind comes from, clockwise from → to). */
type Sector = [number, number];
/** Assens and Torø face the Little Belt to the west. */
const WEST: Sector = [200, 340];

function coastalRules(sector: Sector, wind: boolean): ZoneRule[] {
  const rules: ZoneRule[] = [
    {
      id: 'vandstand',
      hazard: 'coastal-flooding',
      spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 10 * MINUTE_MS },
      quorum: { k: 1 },
      enabled: true,
    },
    { id: 'dkss-prognose', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 12 * HOUR_MS }, enabled: true },
    {
      id: 'hoejvande-paalandsvind',
      hazard: 'coastal-flooding',
      spec: {
        kind: 'compound',
        seaLevelEnterM: 1.0,
        seaLevelLeaveM: 0.95,
        windFromDeg: sector[0],
        windToDeg: sector[1],
        minWindSpeedMs: 10,
        severity: 'orange',
      },
      enabled: true,
    },
    { id: 'maaler-tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: HOUR_MS }, enabled: true },
  ];
  if (wind) {
    rules.push({
      id: 'middelvind',
      hazard: 'wind',
      spec: { kind: 'threshold', parameter: 'wind_speed', levelSetId: 'vind', minDurationMs: 10 * MINUTE_MS },
      enabled: true,
    });
  }
  return rules;
}

function coastalZone(z: {
  id: string;
  name: string;
  polygon: Polygon;
  gauges: string[];
  sector?: Sector;
  wind?: boolean;
  alsoStream?: boolean;
  labels?: { yellow: string; orange: string; red: string };
}): ZoneDocument {
  const wind = z.wind ?? true;
  return {
    id: z.id,
    name: `${z.name} (illustrativ afgrænsning)`,
    illustrative: true,
    hazards: ['coastal-flooding', ...(z.alsoStream ? (['stream-flooding'] as const) : []), ...(wind ? (['wind'] as const) : [])],
    owner: OWNER,
    geometry: z.polygon,
    // The wind station votes in the compound rule (wind direction and speed); the gauges judge the water.
    representativeStationIds: [...z.gauges, ASSENS_WEATHER],
    nearbyDistanceM: 2_000,
    levelSets: [
      ...seaLevelSets(
        z.labels ?? {
          yellow: 'Vand på kajerne i Assens (1,00 m DVR90)',
          orange: 'Nordre Havnevej og Krabbeløkkevej lukkes; DMI lokalt varslingsniveau (1,25 m)',
          red: 'Kritisk vandstand i Assens (1,51 m)',
        },
      ),
      ...(wind ? [WIND_LEVELS] : []),
    ],
    rules: coastalRules(z.sector ?? WEST, wind),
  };
}

/** DMI's cloudburst criteria: > 15 mm in 30 min (double > 30, triple > 45), and heavy rain > 24 mm in 6 h. */
const RAIN_LEVEL_SETS: LevelSet[] = [
  {
    id: 'skybrud',
    name: 'Skybrud (DMI, 30 min)',
    version: 1,
    datum: 'none',
    scenario: 'today',
    levels: [
      { severity: 'yellow', enter: 15, leave: 12, label: 'Skybrud: over 15 mm på 30 min' },
      { severity: 'orange', enter: 30, leave: 25, label: 'Dobbelt skybrud: over 30 mm på 30 min' },
      { severity: 'red', enter: 45, leave: 40, label: 'Tredobbelt skybrud: over 45 mm på 30 min' },
    ],
  },
  {
    id: 'kraftig-regn',
    name: 'Kraftig regn (DMI, 6 timer)',
    version: 1,
    datum: 'none',
    scenario: 'today',
    levels: [{ severity: 'yellow', enter: 24, leave: 20, label: 'Kraftig regn: over 24 mm på 6 timer' }],
  },
];

function inlandZone(z: { id: string; name: string; polygon: Polygon; stations: string[] }): ZoneDocument {
  return {
    id: z.id,
    name: `${z.name} (illustrativ afgrænsning)`,
    illustrative: true,
    // Stream flooding is named for the planners; no stream gauge judges it yet, so no rule does either.
    hazards: ['cloudburst', 'stream-flooding'],
    owner: OWNER,
    geometry: z.polygon,
    representativeStationIds: z.stations,
    nearbyDistanceM: 5_000,
    levelSets: RAIN_LEVEL_SETS,
    rules: [
      {
        id: 'skybrud',
        hazard: 'cloudburst',
        spec: { kind: 'accumulation', parameter: 'precip_past10min', windowMs: 30 * MINUTE_MS, levelSetId: 'skybrud' },
        quorum: { k: 1 },
        enabled: true,
      },
      {
        id: 'kraftig-regn',
        hazard: 'cloudburst',
        spec: { kind: 'accumulation', parameter: 'precip_past10min', windowMs: 6 * HOUR_MS, levelSetId: 'kraftig-regn' },
        quorum: { k: 1 },
        enabled: true,
      },
      { id: 'maaler-tavs', hazard: 'cloudburst', spec: { kind: 'stale', maxSilenceMs: HOUR_MS }, enabled: true },
    ],
  };
}

/** Twelve illustrative zones: eight on the coast, four inland. Polygons are small, simple and counter-clockwise. */
export const ASSENS_SEED_ZONES: readonly ZoneDocument[] = [
  coastalZone({
    id: 'assens-havn',
    name: 'Assens Havn: kajerne, Ved Stranden, Søndre Havnevej ved Kogehusmolen, Værftet og siloområdet',
    polygon: ring([9.886, 55.266], [9.8935, 55.266], [9.8945, 55.2705], [9.892, 55.2735], [9.8865, 55.2725]),
    gauges: [ASSENS_GAUGE],
  }),
  coastalZone({
    id: 'nordre-havnevej',
    name: 'Nordre Havnevej og Krabbeløkkevej, Assens',
    polygon: ring([9.889, 55.2728], [9.896, 55.2728], [9.8965, 55.2765], [9.89, 55.2765]),
    gauges: [ASSENS_GAUGE],
  }),
  coastalZone({
    id: 'willemoesgade',
    name: 'Willemoesgade, Assens (oversvømmet 2017)',
    polygon: ring([9.893, 55.2685], [9.8975, 55.2685], [9.8975, 55.2712], [9.8935, 55.2712]),
    gauges: [ASSENS_GAUGE],
    labels: {
      yellow: 'Vand på kajerne i Assens (1,00 m DVR90)',
      orange: 'Havnevejene lukkes; vand nær Willemoesgade (1,25 m)',
      red: 'Kritisk: huse i Willemoesgade i fare (1,51 m)',
    },
  }),
  coastalZone({
    id: 'assens-naes',
    name: 'Assens Næs: Næsvej, kolonihaver, sommerhuse (sokkel 1,90 m), campingplads og lystbådehavn',
    polygon: ring([9.87, 55.254], [9.888, 55.256], [9.889, 55.265], [9.876, 55.264]),
    gauges: [ASSENS_GAUGE],
  }),
  coastalZone({
    id: 'kaerum-aa-udloeb',
    name: 'Kærum Å udløb, Assens (opstuvning fra havet)',
    polygon: ring([9.892, 55.2765], [9.901, 55.2765], [9.901, 55.2815], [9.8935, 55.281]),
    gauges: [ASSENS_GAUGE],
    wind: false,
    alsoStream: true,
  }),
  coastalZone({
    id: 'toroe-huse',
    name: 'Torø Huse og Torø Huse Vej',
    polygon: ring([9.854, 55.225], [9.868, 55.225], [9.869, 55.2345], [9.856, 55.235]),
    gauges: [ASSENS_GAUGE],
  }),
  coastalZone({
    id: 'helnaes-daemning',
    name: 'Helnæs dæmning',
    polygon: ring([10.027, 55.142], [10.034, 55.142], [10.035, 55.158], [10.028, 55.158]),
    gauges: [ASSENS_GAUGE, FAABORG_GAUGE],
    sector: [180, 300],
  }),
  coastalZone({
    id: 'brunshuse',
    name: 'Brunshuse ved Helnæs Bugt',
    polygon: ring([10.072, 55.156], [10.088, 55.156], [10.088, 55.165], [10.073, 55.165]),
    gauges: [ASSENS_GAUGE, FAABORG_GAUGE],
    sector: [135, 250],
    wind: false,
  }),
  inlandZone({
    id: 'glamsbjerg',
    name: 'Glamsbjerg, regn og vandløb',
    polygon: ring([10.085, 55.263], [10.115, 55.263], [10.116, 55.278], [10.086, 55.279]),
    stations: [ASSENS_WEATHER],
  }),
  inlandZone({
    id: 'tommerup',
    name: 'Tommerup og Tommerup St., regn og vandløb',
    polygon: ring([10.185, 55.312], [10.215, 55.312], [10.215, 55.328], [10.185, 55.328]),
    stations: [AARSLEV_WEATHER],
  }),
  inlandZone({
    id: 'gummerup-koeng',
    name: 'Gummerup–Køng, regn og vandløb',
    polygon: ring([10.13, 55.275], [10.18, 55.28], [10.18, 55.298], [10.135, 55.293]),
    stations: [AARSLEV_WEATHER, ASSENS_WEATHER],
  }),
  inlandZone({
    id: 'flemloese',
    name: 'Flemløse, regn og vandløb',
    polygon: ring([10.04, 55.225], [10.06, 55.225], [10.06, 55.235], [10.04, 55.235]),
    stations: [ASSENS_WEATHER],
  }),
];

export const SEED_CHANGE = { by: 'seed', reason: 'Illustrative zones drawn around places named in public sources; not surveyed' };

/**
 * Fills an empty station registry with the brief's stations, so a fresh install's seed zones have their gauges.
 * A registry with any station (DMI's station sync, an operator's sensor) is left alone: the sync's descriptions
 * are the authoritative ones, and it brings these stations itself.
 */
export async function seedAssensStations(stations: StationsRepository): Promise<number> {
  if ((await stations.list()).length > 0) return 0;
  await stations.upsert(ASSENS_SEED_STATIONS);
  return ASSENS_SEED_STATIONS.length;
}

/** Stores the seed zones, all or none, only when no zone was ever stored; safe when instances start together. */
export async function seedAssensZonesIfEmpty(zones: ZonesRepository): Promise<number> {
  if (!(await zones.isEmpty())) return 0; // the usual case: no lock taken
  return zones.createAllIfEmpty(ASSENS_SEED_ZONES, SEED_CHANGE);
}
