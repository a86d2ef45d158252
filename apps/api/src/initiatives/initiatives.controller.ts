// Robustness initiatives over REST: list (by zone, hazard, status), one initiative, its change record, and
// versioned edits: planners and operators read, planners edit, and each edit records who made it.
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { Access, Actor, ZodValidationPipe } from '@klimavagt/platform';
import { INITIATIVE_ID_PATTERN, initiativeListQuery } from './initiative.schema';
import { InitiativesService } from './initiatives.service';

const idParam = new ZodValidationPipe(
  z.string().regex(INITIATIVE_ID_PATTERN, 'an initiative id is lower-case letters, digits and "-", at most 64 characters'),
);

@Access('planner', 'operator')
@Controller('v1/initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  // ---------------------------------------------------------------------------------------------- reads

  /** `?zoneId=&hazard=&status=`: only initiatives covering that zone, facing that hazard, in that status. */
  @Get()
  list(@Query(new ZodValidationPipe(initiativeListQuery)) query: z.infer<typeof initiativeListQuery>) {
    return this.initiatives.list(query);
  }

  @Get(':id/history')
  history(@Param('id', idParam) id: string) {
    return this.initiatives.history(id);
  }

  @Get(':id')
  get(@Param('id', idParam) id: string) {
    return this.initiatives.get(id);
  }

  // ---------------------------------------------------------------------------------------------- writes

  @Post()
  @Access('planner')
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: unknown, @Actor() actor: string | undefined) {
    return this.initiatives.create(body, actor);
  }

  @Put(':id')
  @Access('planner')
  update(@Param('id', idParam) id: string, @Body() body: unknown, @Actor() actor: string | undefined) {
    return this.initiatives.update(id, body, actor);
  }
}
