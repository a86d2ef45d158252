// Operators' alert API: list and filter, one alert with its audit trail and initiatives, acknowledge, resolve,
// comment, the notifications sent for it, and its CAP messages.
import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Access, Actor, PublicRead, ZodValidationPipe } from '@klimavagt/platform';
import { AlertsRepository, NotificationOutboxRepository, StoredAlert } from '@klimavagt/storage';
import { AlertLedger } from './alert-ledger.service';
import { acknowledgeBody, ALERT_ID_PATTERN, alertListQuery, commentBody, openApiSchema, resolveBody } from './alert.schema';
import { answering } from './alerting-http-errors';
import { who } from './operator-actor';

// CAP identifiers cannot carry '#', so CAP links name the alert `zone:hazard:rule.episode`; both are accepted.
const alertId = new ZodValidationPipe(
  z
    .string()
    .transform((id) => id.replace(/\.(\d+)$/, '#$1'))
    .pipe(z.string().regex(ALERT_ID_PATTERN, 'an alert id is zone:hazard:rule#episode')),
);

@ApiTags('alerts')
@Access('operator', 'planner')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly ledger: AlertLedger,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, filtered by state (open = firing or acknowledged), severity, hazard, zone, changed since' })
  @ApiQuery({ name: 'filter', required: false, schema: openApiSchema(alertListQuery), style: 'form', explode: true })
  async list(@Query(new ZodValidationPipe(alertListQuery)) query: z.infer<typeof alertListQuery>) {
    return (await this.alerts.list(query)).map(view);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert: state, severities, audit trail, covering initiatives and whether they were overtopped' })
  async get(@Param('id', alertId) id: string) {
    return view(await this.require(id));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Firing → acknowledged: someone is on it, escalation stops' })
  @ApiBody({ schema: openApiSchema(acknowledgeBody) })
  @Access('operator')
  async acknowledge(@Param('id', alertId) id: string, @Body(new ZodValidationPipe(acknowledgeBody)) body: z.infer<typeof acknowledgeBody>, @Actor() actor?: string) {
    return view(await answering(() => this.ledger.act(id, { kind: 'acknowledge', ...body, by: who(actor, body.by) })));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve by hand (a reason is required); recipients are told it is over' })
  @ApiBody({ schema: openApiSchema(resolveBody) })
  @Access('operator')
  async resolve(@Param('id', alertId) id: string, @Body(new ZodValidationPipe(resolveBody)) body: z.infer<typeof resolveBody>, @Actor() actor?: string) {
    return view(await answering(() => this.ledger.act(id, { kind: 'resolve', ...body, by: who(actor, body.by) })));
  }

  @Post(':id/comments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a comment to the audit trail' })
  @ApiBody({ schema: openApiSchema(commentBody) })
  @Access('operator', 'planner')
  async comment(@Param('id', alertId) id: string, @Body(new ZodValidationPipe(commentBody)) body: z.infer<typeof commentBody>, @Actor() actor?: string) {
    return view(await answering(() => this.ledger.act(id, { kind: 'comment', ...body, by: who(actor, body.by) })));
  }

  @Get(':id/notifications')
  @ApiOperation({ summary: 'Every notification of the alert: channel, route, state, attempts, last status and error' })
  async notifications(@Param('id', alertId) id: string) {
    await this.require(id);
    return this.outbox.list({ alertId: id, limit: 500 });
  }

  @Get(':id/cap')
  @PublicRead('operator', 'planner')
  @Header('content-type', 'application/cap+xml; charset=utf-8')
  @ApiOperation({ summary: 'The newest CAP 1.2 message of the alert' })
  async cap(@Param('id', alertId) id: string) {
    const messages = await this.alerts.capMessages(id);
    if (messages.length === 0) throw new NotFoundException({ error: 'cap-not-found', message: `alert ${id} has no CAP message` });
    return messages[messages.length - 1].xml;
  }

  @Get(':id/cap/:sequence')
  @PublicRead('operator', 'planner')
  @Header('content-type', 'application/cap+xml; charset=utf-8')
  @ApiOperation({ summary: 'One CAP 1.2 message of the alert by sequence (1 = the first Alert)' })
  async capMessage(@Param('id', alertId) id: string, @Param('sequence', new ZodValidationPipe(z.coerce.number().int().min(1))) sequence: number) {
    const message = (await this.alerts.capMessages(id)).find((m) => m.sequence === sequence);
    if (!message) throw new NotFoundException({ error: 'cap-not-found', message: `alert ${id} has no CAP message ${sequence}` });
    return message.xml;
  }

  private async require(id: string): Promise<StoredAlert> {
    const stored = await this.alerts.get(id);
    if (!stored) throw new NotFoundException({ error: 'alert-not-found', message: `alert ${id} does not exist`, id });
    return stored;
  }
}


function view(s: StoredAlert) {
  return {
    ...s.alert,
    coverage: s.coverage,
    decidedBy: s.decidedBy,
    nextEscalationAt: s.nextEscalationAt,
    version: s.version,
    links: {
      // Operational alerts (feed outages) are no public warning: they have no CAP message.
      ...(s.alert.operational ? {} : { cap: `/v1/alerts/${encodeURIComponent(s.alert.id)}/cap` }),
      notifications: `/v1/alerts/${encodeURIComponent(s.alert.id)}/notifications`,
    },
  };
}
