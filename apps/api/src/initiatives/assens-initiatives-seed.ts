// Seed data for Assens Kommune's robustness initiatives ("indsatser"): the adaptation plans named in the domain brief
// (section 1), tied to the seed zones. Each says where it comes from; each whose status, zones, year or design is
// inferred rather than read is `illustrative` and says in `notes` what is inferred. The DK2020 strategy itself is
// not one of them: it is the frame the initiatives belong to, and as an initiative covering every zone and hazard
// it would leave nothing "uncovered".
import type { Initiative } from '@klimavagt/domain';
import type { InitiativesRepository, ZonesRepository } from '@klimavagt/storage';
import { ASSENS_SEED_ZONES, seedAssensZonesIfEmpty } from '../zones/assens-seed';

const KOMMUNE = 'Assens Kommune';
const FORSYNING = 'Assens Forsyning';
/** Assens town and harbour behind the Klimasikringsplan's protection lines. */
const TOWN_AND_HARBOUR = ['assens-havn', 'nordre-havnevej', 'willemoesgade'];
/** Inland rain and stream areas of the 2014 action plan. */
const INLAND = ['glamsbjerg', 'gummerup-koeng', 'flemloese', 'tommerup'];
const ALL_ZONES = ASSENS_SEED_ZONES.map((z) => z.id);
const KLIMASIKRINGSPLAN = { title: 'Klimasikringsplan for Assens by og havn', year: 2018 };

export const ASSENS_SEED_INITIATIVES: readonly Initiative[] = [
  {
    id: 'klimasikring-indre-linje',
    title: 'Klimasikringsplan 2018: indre beskyttelseslinje for Assens by og havn (1,80 m DVR90)',
    hazards: ['coastal-flooding'],
    zoneIds: TOWN_AND_HARBOUR,
    measureType: 'physical',
    owner: KOMMUNE,
    status: 'in-progress',
    targetYear: 2030,
    liveSince: null,
    designLevel: { parameter: 'sea_level', value: 1.8, unit: 'm', datum: 'DVR90', description: 'Beskytter til 1,80 m DVR90 (indre beskyttelseslinje)' },
    indicators: [],
    source: KLIMASIKRINGSPLAN,
    illustrative: true,
    notes:
      'Koten 1,80 m er fra Klimasikringsplan 2018 (sekundær kilde). Status "i gang" og måltal 2030 er skønnet ud fra DK2020-implementeringssporet, ' +
      'der skal være gennemført inden 2030; hvilke zoner linjen dækker, er skønnet.',
  },
  {
    id: 'klimasikring-ydre-linje',
    title: 'Klimasikringsplan 2018: ydre beskyttelseslinje for Assens by og havn (2,50 m DVR90, kan udbygges til 3,50 m)',
    hazards: ['coastal-flooding'],
    zoneIds: TOWN_AND_HARBOUR,
    measureType: 'physical',
    owner: KOMMUNE,
    status: 'planned',
    targetYear: null,
    liveSince: null,
    designLevel: { parameter: 'sea_level', value: 2.5, unit: 'm', datum: 'DVR90', description: 'Beskytter til 2,50 m DVR90; kan udbygges til 3,50 m DVR90' },
    indicators: [],
    source: KLIMASIKRINGSPLAN,
    illustrative: true,
    notes:
      'Koterne er fra Klimasikringsplan 2018 (sekundær kilde); status "planlagt" og zonerne er skønnet. Udbygningen til 3,50 m er en mulighed, ' +
      'ikke den kote linjen har: vurderingen bruger 2,50 m.',
  },
  {
    id: 'klimasikring-sokkelkote',
    title: 'Klimasikringsplan 2018: nyt byggeri i Assens by med sokkelkote mindst 2,50 m DVR90',
    hazards: ['coastal-flooding'],
    zoneIds: [...TOWN_AND_HARBOUR, 'kaerum-aa-udloeb'],
    measureType: 'planning',
    owner: KOMMUNE,
    status: 'in-progress',
    targetYear: null,
    liveSince: null,
    designLevel: { parameter: 'sea_level', value: 2.5, unit: 'm', datum: 'DVR90', description: 'Nyt byggeri: sokkelkote mindst 2,50 m DVR90' },
    indicators: [],
    source: KLIMASIKRINGSPLAN,
    illustrative: true,
    notes:
      'Kravet gælder nyt byggeri; eksisterende bygninger (fx sommerhuse på Assens Næs med sokkel 1,90 m) er ikke omfattet. ' +
      'Status (kravet anvendes løbende) og zonerne er skønnet.',
  },
  {
    id: 'byen-og-baeltet-klitlandskab',
    title: '"Byen & Bæltet": undersøgelse af et klitlandskab ved Assens Næs',
    hazards: ['coastal-flooding', 'erosion'],
    zoneIds: ['assens-naes'],
    measureType: 'knowledge',
    owner: KOMMUNE,
    status: 'done',
    targetYear: 2019,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Byen & Bæltet', year: 2019 },
    illustrative: true,
    notes: 'Undersøgelsen er fra 2019; at den er afsluttet, og at den også angår erosion, er skønnet. Et anlagt klitlandskab ville være en ny, fysisk indsats.',
  },
  {
    id: 'forsyning-separatkloakering',
    title: 'Assens Forsyning: separatkloakering (75 % af husstandene)',
    hazards: ['cloudburst'],
    zoneIds: INLAND,
    measureType: 'physical',
    owner: FORSYNING,
    status: 'in-progress',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [{ name: 'Andel husstande med separatkloak', unit: '%', baseline: null, target: 75, year: null }],
    source: { title: 'Assens Forsyning: separering af kloakker', year: null },
    illustrative: true,
    notes:
      '75 % af husstandene er læst i en sekundær kilde og tolket som programmets mål; udgangspunkt og år er ikke fundet. ' +
      'Hvilke zoner der separeres, og at programmet er i gang, er skønnet.',
  },
  {
    id: 'forsyning-klimabassiner-tommerup',
    title: 'Assens Forsyning: klimabassiner i Tommerup',
    hazards: ['cloudburst', 'stream-flooding'],
    zoneIds: ['tommerup'],
    measureType: 'physical',
    owner: FORSYNING,
    status: 'done',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Assens Forsyning: klimabassiner i Tommerup', year: null },
    illustrative: true,
    notes:
      'Bassinerne er bygget (sekundær kilde). Ibrugtagningsdato og dimensionering (fx gentagelsesperiode for regn) er ikke fundet: ' +
      'derfor ingen designkote og ingen dato for før/efter-sammenligning. At de også virker mod oversvømmelse fra vandløb, er skønnet.',
  },
  {
    id: 'handleplan-2014-indsatsomraader',
    title: 'Klimatilpasningsplan og Handleplan 2014: indsatsområder ved Glamsbjerg, Gummerup–Køng, Flemløse og Tommerup',
    hazards: ['cloudburst', 'stream-flooding'],
    zoneIds: INLAND,
    measureType: 'planning',
    owner: KOMMUNE,
    status: 'in-progress',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Klimatilpasningsplan og Handleplan 2014', year: 2014 },
    illustrative: true,
    notes:
      'Handleplanen udpeger 30 indsatsområder omkring Assens, Glamsbjerg, Gummerup–Køng, Flemløse, Tommerup og Tommerup St.; ' +
      'her knyttet til de fire indlandszoner (Tommerup St. hører til zonen tommerup). Status er skønnet.',
  },
  {
    id: 'kommuneplan-2021-kortlaegning',
    title: 'Kommuneplan 2021: kortlægning af oversvømmelse fra hav, regn og vandløb (100-årshændelse i 2050, RCP4.5) og erosion (2070)',
    hazards: ['coastal-flooding', 'cloudburst', 'stream-flooding', 'erosion'],
    zoneIds: ALL_ZONES,
    measureType: 'knowledge',
    owner: KOMMUNE,
    status: 'done',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Kommuneplan 2021', year: 2021 },
    illustrative: false,
    notes: 'Kortlægningen dækker hele kommunen; derfor er alle zoner knyttet til den.',
  },
  {
    id: 'beredskab-fyn-stormflod',
    title: 'Beredskab Fyn: stormflodsberedskab i Assens med sandsække og mobile barrierer',
    hazards: ['coastal-flooding'],
    zoneIds: [...TOWN_AND_HARBOUR, 'kaerum-aa-udloeb', 'assens-naes'],
    measureType: 'emergency',
    owner: 'Beredskab Fyn',
    status: 'done',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Beredskab Fyn: indsats ved stormflod (illustrativ)', year: null },
    illustrative: true,
    notes:
      'Illustrativ: at Beredskab Fyn står klar med sandsække og mobile barrierer ved stormflod i Assens, er antaget, ikke læst i en kilde. ' +
      'Barrierernes højde kendes ikke, så der er ingen designkote. Status "gennemført" betyder et stående beredskab.',
  },
];

export const INITIATIVES_SEED_CHANGE = {
  by: 'seed',
  reason: 'Adaptation plans named in public sources (domain brief); inferred details are marked illustrative',
};

/**
 * Stores the seed initiatives, all or none, only when none is stored. The zones come first (the initiatives name
 * them): they are seeded here too if still empty, idempotently and under the zones' own lock, so this does not
 * depend on the order in which the API's start-up hooks run. Zones that exist but lack a seed zone make the
 * repository refuse the whole seed with an InitiativeUnknownZonesError.
 */
export async function seedAssensInitiativesIfEmpty(initiatives: InitiativesRepository, zones: ZonesRepository): Promise<number> {
  if (!(await initiatives.isEmpty())) return 0; // the usual case: no lock taken
  await seedAssensZonesIfEmpty(zones);
  return initiatives.createAllIfEmpty(ASSENS_SEED_INITIATIVES, INITIATIVES_SEED_CHANGE);
}
