// Request shapes of the operators' alert API, validated at the edge; the OpenAPI document is generated from them.
import { z } from 'zod';
import { instantSchema } from '@klimavagt/platform';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { HAZARDS, SEVERITIES } from '@klimavagt/domain';

/** Taken from the API key when access control is on; required in the body only when it is off. */
const actor = z.string().trim().min(1).max(80).optional().describe('The operator (name or initials); the API key names them when keys are in use');

export const alertListQuery = z
  .object({
    state: z.enum(['open', 'firing', 'acknowledged', 'resolved']).optional(),
    severity: z.enum(SEVERITIES).optional(),
    hazard: z.enum(HAZARDS).optional(),
    zoneId: z.string().min(1).max(64).optional(),
    since: instantSchema.optional().describe('changed at or after'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const acknowledgeBody = z.object({ by: actor, reason: z.string().trim().min(1).max(500).optional() }).strict();
export const resolveBody = z.object({ by: actor, reason: z.string().trim().min(1).max(500) }).strict();
export const commentBody = z.object({ by: actor, text: z.string().trim().min(1).max(2000) }).strict();

export const ALERT_ID_PATTERN = /^[a-z0-9][a-z0-9-]*:[a-z-]+:[a-z0-9][a-z0-9-]*#\d+$/;

/** JSON Schema of a zod schema, for @ApiBody / @ApiQuery. */
export function openApiSchema(schema: z.ZodTypeAny): Record<string, unknown> {
  // Typed loosely on purpose: zod-to-json-schema's generics recurse too deep for the compiler on our schemas.
  const convert = zodToJsonSchema as (s: unknown, o: { target: 'openApi3' }) => Record<string, unknown>;
  const { $schema: _ignored, ...rest } = convert(schema, { target: 'openApi3' });
  return rest;
}
