// Robustness initiatives over REST: list (by zone, hazard, status), one initiative, its change record, and
// versioned edits. Reads and writes are separate handlers so the coming auth issue can put a role guard on the
// writes alone; until then the endpoints are open and edits carry no actor.
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@klimavagt/platform';
import { INITIATIVE_ID_PATTERN, initiativeListQuery } from './initiative.schema';
import { InitiativesService } from './initiatives.service';

const idParam = new ZodValidationPipe(
  z.string().regex(INITIATIVE_ID_PATTERN, 'an initiative id is lower-case letters, digits and "-", at most 64 characters'),
);

/** Who makes an edit: set by the authentication guard once it exists; anonymous until then. */
const ANONYMOUS: string | undefined = undefined;

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
  @HttpCode(HttpStatus.CREATED)
  create(@Body() body: unknown) {
    return this.initiatives.create(body, ANONYMOUS);
  }

  @Put(':id')
  update(@Param('id', idParam) id: string, @Body() body: unknown) {
    return this.initiatives.update(id, body, ANONYMOUS);
  }
}
