// Planners' reports over REST, as JSON or CSV (Excel-friendly: UTF-8 with BOM, headers in Danish or English);
// coverage gaps also as GeoJSON.
import { Controller, Get, Param, Query, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PARAMETER_IDS, SEVERITIES, toCsv, type CsvColumn } from '@klimavagt/domain';
import { Access, ZodValidationPipe, instantSchema } from '@klimavagt/platform';
import { ZonesRepository } from '@klimavagt/storage';
import { ReportsService } from './reports.service';
import { NoThresholdRuleError } from './zone-gauge-series';

const instant = instantSchema;
const format = z.enum(['json', 'csv']).default('json');
/** The language of CSV column headers (the data itself is language-neutral). */
const lang = z.enum(['da', 'en']).default('da');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and "-"');
const exceedanceQuery = z.object({ levelSetId: z.string().min(1).max(64).optional(), from: instant.optional(), to: instant.optional(), format, lang }).strict();
const maximaQuery = z.object({ stationId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/), parameter: z.enum(PARAMETER_IDS).default('sea_level'), format, lang }).strict();
const gapsQuery = z.object({ minSeverity: z.enum(SEVERITIES).default('orange'), format: z.enum(['json', 'csv', 'geojson']).default('json'), lang }).strict();
const effectQuery = z.object({ format, lang }).strict();

/** CSV column headers in Danish and English. */
const HEADERS: Record<string, { da: string; en: string }> = {
  zone: { da: 'zone', en: 'zone' },
  zoneName: { da: 'zonenavn', en: 'zone name' },
  station: { da: 'målestation', en: 'station' },
  parameter: { da: 'parameter', en: 'parameter' },
  year: { da: 'år', en: 'year' },
  severity: { da: 'niveau', en: 'severity' },
  levelM: { da: 'niveau (m)', en: 'level (m)' },
  label: { da: 'betydning', en: 'meaning' },
  episodes: { da: 'hændelser', en: 'episodes' },
  hoursAbove: { da: 'timer over', en: 'hours above' },
  longestEpisodeHours: { da: 'længste hændelse (timer)', en: 'longest episode (hours)' },
  firstAt: { da: 'først', en: 'first' },
  lastAt: { da: 'sidst', en: 'last' },
  yearMaxM: { da: 'årets maksimum (m)', en: 'year maximum (m)' },
  yearMaxAt: { da: 'tidspunkt for maksimum', en: 'time of maximum' },
  valueM: { da: 'maksimum (m)', en: 'maximum (m)' },
  at: { da: 'tidspunkt', en: 'time' },
  hazard: { da: 'fare', en: 'hazard' },
  reason: { da: 'årsag', en: 'reason' },
  worstSeverity: { da: 'værste niveau', en: 'worst severity' },
  alerts: { da: 'varslinger', en: 'alerts' },
  lastAlertAt: { da: 'seneste varsling', en: 'last alert' },
  peakM: { da: 'top (m)', en: 'peak (m)' },
  peakAt: { da: 'tidspunkt for top', en: 'time of peak' },
  initiatives: { da: 'indsatser', en: 'initiatives' },
  initiative: { da: 'indsats', en: 'initiative' },
  side: { da: 'før/efter', en: 'before/after' },
  startAt: { da: 'start', en: 'start' },
  endAt: { da: 'slut', en: 'end' },
  depthAboveThresholdM: { da: 'dybde over tærskel (m)', en: 'depth above threshold (m)' },
  depthAboveDesignM: { da: 'dybde over dimensionering (m)', en: 'depth above design level (m)' },
};

interface Reply {
  type(t: string): Reply;
  setHeader(name: string, value: string): Reply;
  send(body: unknown): void;
}

@ApiTags('reports')
@Access('planner', 'operator')
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly zones: ZonesRepository,
  ) {}

  @Get('zones/:zoneId/exceedance')
  @ApiOperation({ summary: 'Per year and level: exceedance episodes, hours above, longest episode; the highest level and when' })
  async exceedance(@Param('zoneId', new ZodValidationPipe(id)) zoneId: string, @Query(new ZodValidationPipe(exceedanceQuery)) q: z.infer<typeof exceedanceQuery>, @Res() reply: Reply) {
    const report = await this.reports.exceedance(zoneId, q).catch(unprocessable);
    if (q.format === 'json') return reply.send(report);
    const rows = report.years.flatMap((y) => y.levels.map((l) => ({ zone: zoneId, station: report.stationId, year: y.year, severity: l.severity, levelM: l.valueM, label: l.label, episodes: l.episodes, hoursAbove: l.hoursAbove, longestEpisodeHours: l.longestEpisodeHours, firstAt: l.firstAt, lastAt: l.lastAt, yearMaxM: y.max?.valueM ?? null, yearMaxAt: y.max?.at ?? null })));
    csv(reply, q.lang, `exceedance-${zoneId}.csv`, rows, ['zone', 'station', 'year', 'severity', 'levelM', 'label', 'episodes', 'hoursAbove', 'longestEpisodeHours', 'firstAt', 'lastAt', 'yearMaxM', 'yearMaxAt']);
  }

  @Get('annual-maxima')
  @ApiOperation({ summary: 'The annual maximum of a gauge, and its linear trend (m per year)' })
  async annualMaxima(@Query(new ZodValidationPipe(maximaQuery)) q: z.infer<typeof maximaQuery>, @Res() reply: Reply) {
    const report = await this.reports.annualMaxima(q.stationId, q.parameter);
    if (q.format === 'json') return reply.send(report);
    csv(reply, q.lang, `annual-maxima-${q.stationId}.csv`, report.maxima.map((m) => ({ station: q.stationId, parameter: q.parameter, ...m })), ['station', 'parameter', 'year', 'valueM', 'at']);
  }

  @Get('coverage-gaps')
  @ApiOperation({ summary: 'Zones at high risk with no initiative, or whose initiatives were overtopped' })
  async coverageGaps(@Query(new ZodValidationPipe(gapsQuery)) q: z.infer<typeof gapsQuery>, @Res() reply: Reply) {
    const gaps = await this.reports.coverageGaps(q.minSeverity);
    if (q.format === 'json') return reply.send(gaps);
    if (q.format === 'geojson') {
      const zones = new Map((await this.zones.listCurrent()).map((z) => [z.id, z]));
      const features = gaps.filter((g) => zones.has(g.zoneId)).map((g) => ({ type: 'Feature', id: `${g.zoneId}:${g.hazard}:${g.reason}`, geometry: zones.get(g.zoneId)!.geometry, properties: g }));
      reply.type('application/geo+json; charset=utf-8').setHeader('content-disposition', 'attachment; filename="coverage-gaps.geojson"');
      return reply.send(JSON.stringify({ type: 'FeatureCollection', features }));
    }
    const rows = gaps.map((g) => ({ zone: g.zoneId, zoneName: g.zoneName, hazard: g.hazard, reason: g.reason, worstSeverity: g.worstSeverity, alerts: g.alerts, lastAlertAt: g.lastAlertAt, peakM: g.peak?.valueM ?? null, peakAt: g.peak?.at ?? null, initiatives: g.initiatives.map((i) => `${i.title}${i.overtopped ? ' (overtopped)' : ''}`).join('; ') }));
    csv(reply, q.lang, 'coverage-gaps.csv', rows, ['zone', 'zoneName', 'hazard', 'reason', 'worstSeverity', 'alerts', 'lastAlertAt', 'peakM', 'peakAt', 'initiatives']);
  }

  @Get('initiatives/:initiativeId/effect')
  @ApiOperation({ summary: 'Observed effect of an initiative: exceedance hours and depth per event before and after it went live' })
  async effect(@Param('initiativeId', new ZodValidationPipe(id)) initiativeId: string, @Query(new ZodValidationPipe(effectQuery)) q: z.infer<typeof effectQuery>, @Res() reply: Reply) {
    const report = await this.reports.initiativeEffect(initiativeId);
    if (q.format === 'json') return reply.send(report);
    const rows = report.zones.flatMap((z) =>
      (['before', 'after'] as const).flatMap((side) => z[side].events.map((e) => ({ initiative: initiativeId, zone: z.zoneId, station: z.stationId, side, ...e }))),
    );
    csv(reply, q.lang, `effect-${initiativeId}.csv`, rows, ['initiative', 'zone', 'station', 'side', 'startAt', 'endAt', 'hoursAbove', 'peakM', 'depthAboveThresholdM', 'depthAboveDesignM']);
  }
}

function csv(reply: Reply, language: 'da' | 'en', filename: string, rows: Record<string, string | number | boolean | null>[], keys: string[]): void {
  const columns: CsvColumn[] = keys.map((key) => ({ key, header: HEADERS[key]?.[language] ?? key }));
  // A BOM, so Excel reads æ, ø and å as UTF-8.
  reply.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="${filename}"`);
  reply.send('\ufeff' + toCsv(rows, columns));
}

function unprocessable(error: unknown): never {
  if (error instanceof NoThresholdRuleError) throw new UnprocessableEntityException({ error: 'no-threshold-rule', message: error.message });
  throw error;
}
