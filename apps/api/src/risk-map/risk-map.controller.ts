// The public risk map: GeoJSON of zones (risk per hazard now or at `at`, alerts, initiatives) and gauges, and the
// page that draws it. Open to anyone when public reads are enabled.
import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { PublicRead, ZodValidationPipe, instantSchema } from '@klimavagt/platform';
import { RiskMapService } from './risk-map.service';

const PAGE = readFileSync(join(__dirname, 'risk-map.html'), 'utf8');
const query = z.object({ at: instantSchema.optional().describe('show the map as it was then (event time)') }).strict();

@ApiTags('risk map')
@PublicRead('planner', 'operator')
@Controller()
export class RiskMapController {
  private readonly page: string;

  constructor(
    private readonly riskMap: RiskMapService,
    @Inject(KLIMAVAGT_CONFIG) config: KlimavagtConfig,
  ) {
    // JSON, with '<' escaped, so the configured URL cannot close the script element.
    this.page = PAGE.replace('/*BASEMAP*/null', JSON.stringify(config.RISK_MAP_BASEMAP_URL ?? null).replace(/</g, '\\u003c'));
  }

  @Get('v1/risk-map')
  @Header('content-type', 'application/geo+json; charset=utf-8')
  @ApiOperation({ summary: 'Zones with their risk per hazard, alerts and covering initiatives; gauges with their values (GeoJSON)' })
  async map(@Query(new ZodValidationPipe(query)) q: z.infer<typeof query>) {
    return JSON.stringify(await this.riskMap.build(q.at));
  }

  @Get(['map', 'kort'])
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
  @ApiOperation({ summary: 'The risk-map page (Danish / English); works offline, optional base map from RISK_MAP_BASEMAP_URL' })
  html() {
    return this.page;
  }
}
