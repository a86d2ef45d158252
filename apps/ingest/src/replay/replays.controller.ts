// Admin endpoints to start a scenario replay and follow its progress.
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Open, ZodValidationPipe } from '@klimavagt/platform';
import { AdminTokenCheck } from '../sensors/admin-token.check';
import { ScenarioReplayService } from './scenario-replay.service';

const replayRequest = z.object({ scenario: z.string().min(1).max(64), speed: z.number().min(0).max(1_000_000).default(600) }).strict();

// Guarded by ADMIN_TOKEN on its own, so the API-key check lets it through.
@Open()
@Controller('v1/admin/replays')
export class ReplaysController {
  constructor(
    private readonly replays: ScenarioReplayService,
    private readonly admin: AdminTokenCheck,
  ) {}

  @Post()
  @HttpCode(202)
  start(@Headers('authorization') authorization: string | undefined, @Body(new ZodValidationPipe(replayRequest)) body: z.infer<typeof replayRequest>) {
    this.admin.authorize(authorization);
    return this.replays.start(body.scenario, body.speed).status;
  }

  @Get(':id')
  status(@Headers('authorization') authorization: string | undefined, @Param('id') id: string) {
    this.admin.authorize(authorization);
    return this.replays.status(id);
  }
}
