// "Try a rule on the past before switching it on": runs a candidate rule or level set over a zone's stored
// history and reports how often it would have fired, for how long, its flaps, lead times and misses.
// It emits no signal and changes nothing.
import { BadRequestException, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { backtestRule, validateZoneRule, type ParameterId, type ZoneRule } from '@klimavagt/domain';
import { ZoneIndex } from '@klimavagt/geo';
import { Access, ZodValidationPipe, instantSchema } from '@klimavagt/platform';
import { ObservationsRepository, StationsRepository } from '@klimavagt/storage';
import { levelSet, ZONE_ID_PATTERN, zoneRule } from './zone-document.schema';
import { ZonesService } from './zones.service';

const MAX_OBSERVATIONS = 500_000;
const instant = instantSchema;
const backtestBody = z
  .object({ rule: zoneRule, levelSets: z.array(levelSet).max(20).optional(), from: instant, to: instant })
  .strict()
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), { message: 'from must be before to', path: ['from'] });

function parametersOf(rule: ZoneRule): ParameterId[] {
  if (rule.spec.kind === 'compound') return ['sea_level', 'wind_speed', 'wind_dir'];
  if ('parameter' in rule.spec) return [rule.spec.parameter];
  throw new BadRequestException({ error: 'not-backtestable', message: `a ${rule.spec.kind} rule cannot be tried on stored observations` });
}

@Access('planner')
@Controller('v1/zones')
export class RuleBacktestController {
  constructor(
    private readonly zones: ZonesService,
    private readonly stations: StationsRepository,
    private readonly observations: ObservationsRepository,
  ) {}

  @Post(':id/backtest')
  @HttpCode(200)
  async backtest(
    @Param('id', new ZodValidationPipe(z.string().regex(ZONE_ID_PATTERN))) id: string,
    @Body(new ZodValidationPipe(backtestBody)) body: z.infer<typeof backtestBody>,
  ) {
    const zone = await this.zones.get(id);
    const rule = body.rule as ZoneRule;
    const levelSets = body.levelSets ?? zone.levelSets;
    const problems = validateZoneRule(rule, levelSets);
    if (problems.length > 0) throw new BadRequestException({ error: 'invalid-rule', message: problems.join('; '), problems });
    const parameters = parametersOf(rule);

    // The stations that judge the zone: inside, nearby, or named as its representative gauges.
    const index = ZoneIndex.build([zone]);
    const judging = (await this.stations.list()).filter((s) => index.zonesThreatenedBy({ id: s.id, location: s.location }).length > 0);
    const stationIds = [...new Set([...judging.map((s) => s.id), ...zone.representativeStationIds])].sort();
    const history = await this.observations.history({
      stationIds,
      parameters,
      from: new Date(body.from),
      to: new Date(body.to),
      limit: MAX_OBSERVATIONS + 1,
    });
    if (history.length > MAX_OBSERVATIONS) {
      throw new BadRequestException({ error: 'range-too-large', message: `more than ${MAX_OBSERVATIONS} observations in range; narrow from/to` });
    }
    const report = backtestRule({ zoneId: zone.id, rule, levelSets, observations: history });
    return { zoneId: zone.id, ruleId: rule.id, from: body.from, to: body.to, stationIds, observations: history.length, report };
  }
}
