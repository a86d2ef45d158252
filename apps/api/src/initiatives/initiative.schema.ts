// The initiative document a planner sends: its shape, and the cross-checks that keep it coherent (a design level
// in a unit and datum its parameter accepts and within its plausible range; no duplicates; a live date only for an
// initiative that is under way or done). Whether the zones it names exist is the repository's check.
import { z } from 'zod';
import { DVR90_PARAMETERS, HAZARDS, INITIATIVE_STATUSES, MEASURE_TYPES, PARAMETER_IDS, PARAMETERS } from '@klimavagt/domain';
import { ZONE_ID_PATTERN, zodProblems, type ZoneProblem } from '../zones/zone-document.schema';

export { zodProblems };
export type InitiativeProblem = ZoneProblem;

export const INITIATIVE_ID_PATTERN = ZONE_ID_PATTERN;
const ID_MESSAGE = 'must be lower-case letters, digits and "-", starting with a letter or digit, at most 64 characters';

const id = z.string().regex(INITIATIVE_ID_PATTERN, ID_MESSAGE);
export const zoneIdSchema = z.string().regex(ZONE_ID_PATTERN, `a zone id ${ID_MESSAGE}`);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const year = (min: number) => z.number().int('a year is a whole number').min(min).max(2100);

/** A calendar date, YYYY-MM-DD, that exists (no 30 February). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a calendar date');

const designLevel = z
  .object({
    parameter: z.enum(PARAMETER_IDS),
    value: z.number().finite(),
    unit: text(20),
    datum: z.enum(['DVR90', 'none']),
    description: text(300),
  })
  .strict()
  .superRefine((level, ctx) => {
    const issue = (path: string, code: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message, params: { code } });
    const spec = PARAMETERS[level.parameter];
    const units = Object.keys(spec.acceptedUnits);
    const wantedDatum = DVR90_PARAMETERS.includes(level.parameter) ? 'DVR90' : 'none';
    if (level.datum !== wantedDatum) {
      issue('datum', 'datum-mismatch', `a design level of ${level.parameter} has datum ${wantedDatum}, not ${level.datum}`);
    }
    if (!units.includes(level.unit)) {
      issue('unit', 'unit-not-accepted', `${level.parameter} is given in ${units.join(', ')}, not ${level.unit}`);
      return;
    }
    const canonical = spec.acceptedUnits[level.unit](level.value);
    if (canonical < spec.min || canonical > spec.max) {
      issue(
        'value',
        'out-of-range',
        `${level.value} ${level.unit} is outside what ${level.parameter} can be (${spec.min}..${spec.max} ${spec.unit}); is the unit right?`,
      );
    }
  });

const indicator = z
  .object({
    name: text(200),
    unit: text(50),
    baseline: z.number().finite().nullable(),
    target: z.number().finite().nullable(),
    year: year(1990).nullable(),
  })
  .strict();

const source = z
  .object({
    title: text(300),
    year: year(1900).nullable(),
    url: z
      .string()
      .url('must be a URL')
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
      .optional(),
  })
  .strict();

/** The fields of an Initiative a planner writes (version and timestamps are the server's). */
const documentFields = {
  id,
  title: text(300),
  hazards: z.array(z.enum(HAZARDS)).min(1, 'an initiative faces at least one hazard'),
  zoneIds: z.array(zoneIdSchema).min(1, 'an initiative covers at least one zone: list every zone it concerns').max(100),
  measureType: z.enum(MEASURE_TYPES),
  owner: text(200),
  status: z.enum(INITIATIVE_STATUSES),
  targetYear: year(1990).nullable(),
  liveSince: isoDate.nullable(),
  designLevel: designLevel.nullable(),
  indicators: z.array(indicator).max(20).default([]),
  source,
  illustrative: z.boolean(),
  notes: text(2000).nullable().default(null),
};

/** The fields the cross-checks read; each may be absent or malformed when the rest of the document is. */
interface CrossCheckable {
  hazards?: unknown;
  zoneIds?: unknown;
  indicators?: unknown;
  status?: unknown;
  liveSince?: unknown;
}

function duplicates(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  const strings = values.filter((v): v is string => typeof v === 'string');
  return [...new Set(strings.filter((v, i) => strings.indexOf(v) !== i))];
}

type Issue = { path: (string | number)[]; code: string; message: string };

/**
 * Checks across fields: no hazard, zone or indicator twice; no live date on a planned initiative. Written for a
 * document that may be malformed elsewhere, so a body with a bad field still hears about these too (zod runs an
 * object's refinements only when all its fields parsed).
 */
function crossIssues(doc: CrossCheckable): Issue[] {
  const issues: Issue[] = [];
  for (const hazard of duplicates(doc.hazards)) issues.push({ path: ['hazards'], code: 'duplicate', message: `hazard ${hazard} is listed twice` });
  for (const zone of duplicates(doc.zoneIds)) issues.push({ path: ['zoneIds'], code: 'duplicate', message: `zone ${zone} is listed twice` });
  const names = Array.isArray(doc.indicators) ? doc.indicators.map((i) => (typeof i === 'object' && i !== null ? (i as { name?: unknown }).name : undefined)) : [];
  for (const name of duplicates(names)) issues.push({ path: ['indicators'], code: 'duplicate', message: `indicator ${name} is listed twice` });
  if (typeof doc.liveSince === 'string' && doc.status === 'planned') {
    issues.push({
      path: ['liveSince'],
      code: 'live-but-planned',
      message: 'a planned initiative has not gone live: set status to in-progress or done, or liveSince to null',
    });
  }
  return issues;
}

function crossCheck(doc: CrossCheckable, ctx: z.RefinementCtx): void {
  for (const { path, code, message } of crossIssues(doc)) ctx.addIssue({ code: z.ZodIssueCode.custom, path, message, params: { code } });
}

/** Body of POST /v1/initiatives. */
export const initiativeDocumentSchema = z
  .object({ ...documentFields, reason: text(500).optional() })
  .strict()
  .superRefine(crossCheck);

/**
 * Body of PUT /v1/initiatives/:id: the whole document and the version it was edited from. The id may be left out
 * (the path names the initiative); `version`, `createdAt` and `updatedAt` of an initiative read back from the API
 * are accepted and ignored, so a read-modify-write needs no stripping.
 */
export const initiativeUpdateSchema = z
  .object({
    ...documentFields,
    id: id.optional(),
    expectedVersion: z.number({ required_error: 'expectedVersion is required: the version you edited' }).int().min(1),
    reason: text(500).optional(),
    version: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    updatedAt: z.unknown().optional(),
  })
  .strict()
  .superRefine(crossCheck);

/** Query of GET /v1/initiatives. */
export const initiativeListQuery = z
  .object({ zoneId: zoneIdSchema.optional(), hazard: z.enum(HAZARDS).optional(), status: z.enum(INITIATIVE_STATUSES).optional() })
  .strict();

/**
 * Every problem of a body: the schema's, and the cross-checks' even when the schema stopped before them (a field
 * of the wrong type keeps zod from running them).
 */
export function initiativeProblems<S extends typeof initiativeDocumentSchema | typeof initiativeUpdateSchema>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; problems: InitiativeProblem[] } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data as z.infer<S> };
  const problems = zodProblems(parsed.error);
  const seen = new Set(problems.map((p) => `${p.code} ${p.path ?? ''} ${p.message}`));
  const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as CrossCheckable) : {};
  for (const issue of crossIssues(object)) {
    const problem: InitiativeProblem = { code: issue.code, message: issue.message, path: issue.path.join('.') };
    if (!seen.has(`${problem.code} ${problem.path} ${problem.message}`)) problems.push(problem);
  }
  return { ok: false, problems };
}

export type InitiativeDocumentBody = z.infer<typeof initiativeDocumentSchema>;
export type InitiativeUpdateBody = z.infer<typeof initiativeUpdateSchema>;
