// The public CAP feed: an Atom feed of the current alerts' newest CAP messages (and of Cancels for a day after).
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { buildCapAtomFeed } from '@klimavagt/domain';
import { PublicRead } from '@klimavagt/platform';
import { AlertsRepository } from '@klimavagt/storage';

const CANCELS_LISTED_MS = 24 * 3_600_000;

@ApiTags('cap')
@PublicRead('planner', 'operator')
@Controller('v1/cap')
export class CapFeedController {
  constructor(
    private readonly alerts: AlertsRepository,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
  ) {}

  @Get('alerts.atom')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiOperation({ summary: 'Atom feed of current alerts, each entry linking its CAP 1.2 message' })
  async feed() {
    const now = Date.now();
    const messages = await this.alerts.currentCapMessages(new Date(now - CANCELS_LISTED_MS).toISOString());
    const updated = messages.reduce((latest, m) => (Date.parse(m.sent) > Date.parse(latest) ? m.sent : latest), new Date(0).toISOString());
    return buildCapAtomFeed({
      baseUrl: this.config.ALERTING_PUBLIC_URL,
      updated: messages.length > 0 ? updated : new Date(now).toISOString(),
      alerts: messages.map((m) => m.input),
      selfHref: `${this.config.ALERTING_PUBLIC_URL}/v1/cap/alerts.atom`,
    });
  }
}
