// The Zone document a planner sends: its shape, and the cross-checks that make its levels and rules coherent.
// The geometry is only required here; its validity (rings, self-intersection, extent) is libs/geo's judgement.
import { z } from 'zod';
import { HAZARDS, PARAMETER_IDS, SEVERITIES, severityRank, type ParameterId } from '@klimavagt/domain';

export const ZONE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Parameters measured against a vertical datum: their level sets must say DVR90. */
const LEVEL_PARAMETERS: ReadonlySet<ParameterId> = new Set(['sea_level', 'water_level']);

const id = z.string().regex(ZONE_ID_PATTERN, 'must be lower-case letters, digits and "-", starting with a letter or digit, at most 64 characters');
const stationId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'a station id of letters, digits, . _ : -');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const finite = z.number().finite();
const ms = (min: number, max: number) => z.number().int().min(min).max(max);

const thresholdLevel = z
  .object({ severity: z.enum(SEVERITIES), enter: finite, leave: finite, label: text(200) })
  .strict()
  .superRefine((level, ctx) => {
    if (level.leave > level.enter) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['leave'],
        message: `leave (${level.leave}) must not be above enter (${level.enter}): a level is left only below where it was entered`,
        params: { code: 'leave-above-enter' },
      });
    }
  });

export const levelSet = z
  .object({
    id,
    name: text(200),
    version: z.number().int().min(1),
    datum: z.enum(['DVR90', 'none']),
    scenario: text(200),
    levels: z.array(thresholdLevel).min(1, 'a level set needs at least one level').max(SEVERITIES.length),
  })
  .strict()
  .superRefine((set, ctx) => {
    for (let i = 1; i < set.levels.length; i++) {
      const [before, level] = [set.levels[i - 1], set.levels[i]];
      if (severityRank(level.severity) <= severityRank(before.severity)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['levels', i, 'severity'],
          message: `levels must be ordered by rising severity (${SEVERITIES.join(' < ')}), each at most once: ${level.severity} follows ${before.severity}`,
          params: { code: 'levels-out-of-order' },
        });
      }
      if (!(level.enter > before.enter)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['levels', i, 'enter'],
          message: `a more severe level must be entered higher: ${level.severity} enter ${level.enter} is not above ${before.severity} enter ${before.enter}`,
          params: { code: 'levels-not-increasing' },
        });
      }
    }
  });

const ruleSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), parameter: z.enum(PARAMETER_IDS), levelSetId: id, minDurationMs: ms(0, DAY_MS) }).strict(),
  z
    .object({
      kind: z.literal('rate-of-rise'),
      parameter: z.enum(PARAMETER_IDS),
      risePerHour: finite.positive(),
      windowMs: ms(600_000, DAY_MS),
      severity: z.enum(SEVERITIES),
    })
    .strict(),
  z.object({ kind: z.literal('accumulation'), parameter: z.literal('precip_past10min'), windowMs: ms(600_000, 7 * DAY_MS), levelSetId: id }).strict(),
  z
    .object({
      kind: z.literal('compound'),
      seaLevelEnterM: finite,
      seaLevelLeaveM: finite,
      windFromDeg: z.number().min(0).max(360),
      windToDeg: z.number().min(0).max(360),
      minWindSpeedMs: z.number().min(0).max(75),
      severity: z.enum(SEVERITIES),
    })
    .strict(),
  z.object({ kind: z.literal('forecast'), levelSetId: id, horizonMs: ms(HOUR_MS, 10 * DAY_MS) }).strict(),
  z.object({ kind: z.literal('stale'), maxSilenceMs: ms(60_000, 7 * DAY_MS) }).strict(),
]);

export const zoneRule = z
  .object({
    id,
    hazard: z.enum(HAZARDS),
    spec: ruleSpec,
    quorum: z.object({ k: z.number().int().min(1, 'quorum k must be at least 1') }).strict().optional(),
    enabled: z.boolean(),
  })
  .strict();

/** The fields of a Zone a planner writes (version and validity are the server's). */
const documentFields = {
  id,
  name: text(200),
  illustrative: z.boolean(),
  hazards: z.array(z.enum(HAZARDS)).min(1, 'a zone faces at least one hazard'),
  owner: text(200),
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, 'required'),
  representativeStationIds: z.array(stationId).max(50),
  nearbyDistanceM: z.number().min(0).max(50_000),
  levelSets: z.array(levelSet).max(20),
  rules: z.array(zoneRule).max(50),
};

type DocumentShape = z.infer<z.ZodObject<typeof documentFields>>;

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Checks across fields: unique ids, rules that name an existing level set of the right datum and a listed hazard. */
function crossCheck(doc: DocumentShape, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], code: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message, params: { code } });
  for (const hazard of duplicates(doc.hazards)) issue(['hazards'], 'duplicate', `hazard ${hazard} is listed twice`);
  for (const station of duplicates(doc.representativeStationIds)) issue(['representativeStationIds'], 'duplicate', `station ${station} is listed twice`);
  for (const setId of duplicates(doc.levelSets.map((s) => s.id))) issue(['levelSets'], 'duplicate-id', `level set id ${setId} is used twice`);
  for (const ruleId of duplicates(doc.rules.map((r) => r.id))) issue(['rules'], 'duplicate-id', `rule id ${ruleId} is used twice`);

  const sets = new Map(doc.levelSets.map((s) => [s.id, s]));
  doc.rules.forEach((rule, i) => {
    if (!doc.hazards.includes(rule.hazard)) {
      issue(['rules', i, 'hazard'], 'hazard-not-in-zone', `rule ${rule.id} is for ${rule.hazard}, which the zone does not list in hazards`);
    }
    const spec = rule.spec;
    if (spec.kind === 'compound' && spec.seaLevelLeaveM > spec.seaLevelEnterM) {
      issue(['rules', i, 'spec', 'seaLevelLeaveM'], 'leave-above-enter', `seaLevelLeaveM (${spec.seaLevelLeaveM}) must not be above seaLevelEnterM (${spec.seaLevelEnterM})`);
    }
    if (!('levelSetId' in spec)) return;
    const set = sets.get(spec.levelSetId);
    if (!set) {
      const known = doc.levelSets.map((s) => s.id).join(', ') || 'none';
      issue(['rules', i, 'spec', 'levelSetId'], 'unknown-level-set', `rule ${rule.id} refers to level set ${spec.levelSetId}, which the zone does not have (it has: ${known})`);
      return;
    }
    // A forecast is a storm-surge forecast: a sea level.
    const parameter: ParameterId = spec.kind === 'forecast' ? 'sea_level' : spec.parameter;
    const wanted = LEVEL_PARAMETERS.has(parameter) ? 'DVR90' : 'none';
    if (set.datum !== wanted) {
      issue(
        ['rules', i, 'spec', 'levelSetId'],
        'datum-mismatch',
        `rule ${rule.id} judges ${parameter} against level set ${set.id} with datum ${set.datum}; ${parameter} needs a level set with datum ${wanted}`,
      );
    }
  });
}

/** Body of POST /v1/zones. */
export const zoneDocumentSchema = z
  .object({ ...documentFields, reason: text(500).optional() })
  .strict()
  .superRefine(crossCheck);

/**
 * Body of PUT /v1/zones/:id: the whole document and the version it was edited from. The id may be left out
 * (the path names the zone); `version`, `validFrom` and `validTo` of a zone read back from the API are
 * accepted and ignored, so a read-modify-write needs no stripping.
 */
export const zoneUpdateSchema = z
  .object({
    ...documentFields,
    id: id.optional(),
    expectedVersion: z.number().int().min(1),
    reason: text(500).optional(),
    version: z.unknown().optional(),
    validFrom: z.unknown().optional(),
    validTo: z.unknown().optional(),
  })
  .strict()
  .superRefine((doc, ctx) => crossCheck({ ...doc, id: doc.id ?? 'zone' }, ctx));

export type ZoneDocumentBody = z.infer<typeof zoneDocumentSchema>;
export type ZoneUpdateBody = z.infer<typeof zoneUpdateSchema>;

export interface ZoneProblem {
  code: string;
  message: string;
  path?: string;
}

/** Every zod issue as a problem with a stable code (ours for cross-checks, zod's otherwise) and a dotted path. */
export function zodProblems(error: z.ZodError): ZoneProblem[] {
  return error.issues.map((issue) => {
    const custom = issue.code === z.ZodIssueCode.custom ? (issue.params as { code?: string } | undefined)?.code : undefined;
    const path = issue.path.join('.');
    return { code: custom ?? issue.code, message: issue.message, ...(path ? { path } : {}) };
  });
}
