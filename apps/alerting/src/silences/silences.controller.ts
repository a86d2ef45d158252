// Silences and maintenance windows: create (matchers on zone, hazard, severity; start, end, author, reason),
// list the current ones or all, and end one early.
import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Access, Actor, ZodValidationPipe } from '@klimavagt/platform';
import { SilencesRepository } from '@klimavagt/storage';
import { openApiSchema } from '../alerts/alert.schema';
import { answering } from '../alerts/alerting-http-errors';
import { who } from '../alerts/operator-actor';
import { expireBody, MAX_SILENCE_MS, silenceBody } from './silence.schema';

const silenceId = new ZodValidationPipe(z.string().uuid('a silence id is a UUID'));
const listQuery = z.object({ all: z.enum(['true', 'false']).default('false') }).strict();

@ApiTags('silences')
@Access('operator', 'planner')
@Controller('v1/silences')
export class SilencesController {
  constructor(private readonly silences: SilencesRepository) {}

  @Get()
  @ApiOperation({ summary: 'Silences not yet ended (?all=true: every one, ended included)' })
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return query.all === 'true' ? this.silences.all() : this.silences.current(new Date().toISOString());
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Silence matching alerts (notifications and escalation) from startsAt until endsAt' })
  @ApiBody({ schema: openApiSchema(silenceBody) })
  @Access('operator')
  create(@Body(new ZodValidationPipe(silenceBody)) body: z.infer<typeof silenceBody>, @Actor() actor?: string) {
    const author = who(actor, body.author);
    const now = new Date().toISOString();
    const startsAt = body.startsAt ?? now;
    const span = Date.parse(body.endsAt) - Date.parse(startsAt);
    if (span <= 0) throw new BadRequestException({ error: 'invalid-silence', message: `endsAt ${body.endsAt} must be after startsAt ${startsAt}` });
    if (span > MAX_SILENCE_MS) throw new BadRequestException({ error: 'invalid-silence', message: 'a silence lasts at most 31 days; change the rule or the route instead' });
    if (Date.parse(body.endsAt) <= Date.now()) throw new BadRequestException({ error: 'invalid-silence', message: `endsAt ${body.endsAt} is already past` });
    return this.silences.create({ id: randomUUID(), kind: body.kind, matchers: body.matchers, startsAt, endsAt: body.endsAt, author, reason: body.reason }, now);
  }

  @Post(':id/expire')
  @HttpCode(204)
  @ApiOperation({ summary: 'End a silence now' })
  @ApiBody({ schema: openApiSchema(expireBody) })
  @Access('operator')
  async expire(@Param('id', silenceId) id: string, @Body(new ZodValidationPipe(expireBody)) body: z.infer<typeof expireBody>, @Actor() actor?: string) {
    const by = who(actor, body.by);
    await answering(() => this.silences.expire(id, new Date().toISOString(), by));
  }
}
