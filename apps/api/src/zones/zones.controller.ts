// Adaptation zones over REST: current zones, one zone now or as of an instant, its history, and versioned edits.
// Reads and writes are separate handlers so the coming auth issue can put a role guard on the writes alone
// (`@UseGuards(...)` per handler); until then the endpoints are open and edits carry no actor.
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { HAZARDS } from '@klimavagt/domain';
import { Access, Actor, ZodValidationPipe } from '@klimavagt/platform';
import { ZONE_ID_PATTERN } from './zone-document.schema';
import { ZonesService } from './zones.service';

const zoneId = z.string().regex(ZONE_ID_PATTERN, 'a zone id is lower-case letters, digits and "-", at most 64 characters');
const idParam = new ZodValidationPipe(zoneId);
const listQuery = z.object({ hazard: z.enum(HAZARDS).optional() }).strict();
const getQuery = z.object({ at: z.string().datetime({ offset: true, message: 'at must be an ISO 8601 instant, e.g. 2023-10-21T03:00:00Z' }).optional() }).strict();
const retireQuery = z
  .object({
    expectedVersion: z
      .string({ required_error: 'expectedVersion is required: the version you are retiring' })
      .regex(/^[1-9]\d{0,8}$/, 'expectedVersion must be a positive whole number')
      .transform(Number),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

/** Who makes an edit: set by the authentication guard once it exists; anonymous until then. */
@Access('planner', 'operator')
@Controller('v1/zones')
export class ZonesController {
  constructor(private readonly zones: ZonesService) {}

  // ---------------------------------------------------------------------------------------------- reads

  @Get()
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return this.zones.list(query);
  }

  @Get(':id/history')
  history(@Param('id', idParam) id: string) {
    return this.zones.history(id);
  }

  /** The current version, or with `?at=` the version valid at that instant (retired zones included). */
  @Get(':id')
  get(@Param('id', idParam) id: string, @Query(new ZodValidationPipe(getQuery)) query: z.infer<typeof getQuery>) {
    return query.at === undefined ? this.zones.get(id) : this.zones.asOf(id, new Date(query.at));
  }

  // ---------------------------------------------------------------------------------------------- writes

  @Post()
  @Access('planner')
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: unknown, @Actor() actor: string | undefined) {
    return this.zones.create(body, actor);
  }

  @Put(':id')
  @Access('planner')
  update(@Param('id', idParam) id: string, @Body() body: unknown, @Actor() actor: string | undefined) {
    return this.zones.update(id, body, actor);
  }

  @Delete(':id')
  @Access('planner')
  retire(@Param('id', idParam) id: string, @Query(new ZodValidationPipe(retireQuery)) query: z.infer<typeof retireQuery>, @Actor() actor: string | undefined) {
    return this.zones.retire(id, query.expectedVersion, { by: actor, reason: query.reason });
  }
}
