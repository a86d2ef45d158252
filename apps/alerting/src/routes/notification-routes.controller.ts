// Notification routes (zone / hazard / severity → webhook or email): create, list, re-enable one that a 410
// disabled. Secrets are shown once, when the route is created.
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { generateWebhookSecret } from '@klimavagt/notifications';
import { ZodValidationPipe } from '@klimavagt/platform';
import { NotificationRoutesRepository, StoredRoute } from '@klimavagt/storage';
import { openApiSchema } from '../alerts/alert.schema';
import { answering } from '../alerts/alerting-http-errors';
import { routeBody, routePatch } from './route.schema';

const routeId = new ZodValidationPipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a route id is lower-case letters, digits and "-"'));

@ApiTags('notification routes')
@Controller('v1/notification-routes')
export class NotificationRoutesController {
  constructor(private readonly routes: NotificationRoutesRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every route (secrets withheld)' })
  async list() {
    return (await this.routes.list()).map(withoutSecret);
  }

  @Get(':id')
  async get(@Param('id', routeId) id: string) {
    const route = await this.routes.get(id);
    if (!route) throw new NotFoundException({ error: 'route-not-found', message: `notification route ${id} does not exist` });
    return withoutSecret(route);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a route; a webhook route gets a Standard Webhooks secret, returned only here' })
  @ApiBody({ schema: openApiSchema(routeBody) })
  async create(@Body(new ZodValidationPipe(routeBody)) body: z.infer<typeof routeBody>) {
    const secret = body.channel === 'webhook' ? (body.secret ?? generateWebhookSecret()) : null;
    const route = await answering(() => this.routes.create({ ...body, secret }, new Date().toISOString()));
    return { ...withoutSecret(route), secret };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Enable or disable a route (e.g. after its endpoint answered 410 Gone)' })
  @ApiBody({ schema: openApiSchema(routePatch) })
  async patch(@Param('id', routeId) id: string, @Body(new ZodValidationPipe(routePatch)) body: z.infer<typeof routePatch>) {
    await answering(() => this.routes.setEnabled(id, body.enabled, new Date().toISOString(), body.enabled ? undefined : 'disabled by an operator'));
    return this.get(id);
  }
}

function withoutSecret(route: StoredRoute) {
  const { secret, ...rest } = route;
  return { ...rest, hasSecret: secret !== null };
}
