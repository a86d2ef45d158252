// Zone edits and reads: the document is checked (zod schema, then libs/geo for the geometry) before anything is
// stored, and the repository's typed errors become the API's 404 and 409 answers.
import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { z } from 'zod';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import type { Hazard, Zone } from '@klimavagt/domain';
import { validateZoneGeometry, type ServiceArea } from '@klimavagt/geo';
import {
  ZoneAlreadyExistsError,
  ZoneChange,
  ZoneDocument,
  ZoneNotFoundError,
  ZonesRepository,
  ZoneVersion,
  ZoneVersionConflictError,
} from '@klimavagt/storage';
import { zodProblems, zoneDocumentSchema, ZoneProblem, zoneUpdateSchema } from './zone-document.schema';

/** A zone is a local area: no larger than Assens Kommune itself (≈ 511 km²). */
export const ZONE_MAX_AREA_KM2 = 600;
/** A boundary needs no more detail than this; larger bodies are slow to check and to draw. */
export const ZONE_MAX_VERTICES = 5_000;

export interface ZoneHistory {
  id: string;
  /** The current version, or null when the zone is retired. */
  currentVersion: number | null;
  retired: boolean;
  versions: ZoneVersion[];
}

export interface ZoneGeometryLimits {
  maxVertices: number;
  maxAreaKm2: number;
  /** Positions must lie here: the area the DMI feeds watch (DMI_BBOX), where gauges can judge a zone. */
  serviceArea: ServiceArea;
}

export function zoneGeometryLimits(config: Pick<KlimavagtConfig, 'DMI_BBOX'>): ZoneGeometryLimits {
  return { maxVertices: ZONE_MAX_VERTICES, maxAreaKm2: ZONE_MAX_AREA_KM2, serviceArea: [...config.DMI_BBOX] as ServiceArea };
}

/**
 * Checks a request body: schema problems are a 400 `invalid-zone` listing every problem (with the geometry's own
 * problems too, if any, so one round trip shows everything); a document that is fine but for its geometry is a
 * 422 `invalid-geometry`. Returns the document with the normalised geometry.
 */
export function checkZoneBody<S extends typeof zoneDocumentSchema | typeof zoneUpdateSchema>(
  schema: S,
  body: unknown,
  limits: ZoneGeometryLimits,
): { data: z.infer<S>; geometry: ZoneDocument['geometry'] } {
  const parsed = schema.safeParse(body ?? {});
  const rawGeometry = typeof body === 'object' && body !== null ? (body as { geometry?: unknown }).geometry : undefined;
  const geometry = validateZoneGeometry(rawGeometry, limits);
  if (!parsed.success) {
    const problems = zodProblems(parsed.error);
    throw new BadRequestException({
      error: 'invalid-zone',
      message: describe('the zone document is invalid', problems),
      problems,
      ...(!geometry.ok && rawGeometry !== undefined ? { geometryProblems: prefixed(geometry.problems) } : {}),
    });
  }
  if (!geometry.ok) {
    const problems = prefixed(geometry.problems);
    throw new UnprocessableEntityException({ error: 'invalid-geometry', message: describe('the zone geometry is invalid', problems), problems });
  }
  return { data: parsed.data as z.infer<S>, geometry: geometry.geometry };
}

function prefixed(problems: readonly ZoneProblem[]): ZoneProblem[] {
  return problems.map((p) => ({ code: p.code, message: p.message, path: p.path ? `geometry.${p.path}` : 'geometry' }));
}

function describe(what: string, problems: readonly ZoneProblem[]): string {
  return `${what}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`;
}

function asHttpError(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof ZoneNotFoundError) {
    return new NotFoundException({ error: error.retired ? 'zone-retired' : 'zone-not-found', message: error.message, id: error.zoneId });
  }
  if (error instanceof ZoneVersionConflictError) {
    return new ConflictException({
      error: 'version-conflict',
      message: error.message,
      id: error.zoneId,
      expectedVersion: error.expectedVersion,
      currentVersion: error.currentVersion,
    });
  }
  if (error instanceof ZoneAlreadyExistsError) {
    return new ConflictException({ error: 'zone-exists', message: error.message, id: error.zoneId });
  }
  return error;
}

@Injectable()
export class ZonesService {
  private readonly limits: ZoneGeometryLimits;

  constructor(
    private readonly zones: ZonesRepository,
    @Inject(KLIMAVAGT_CONFIG) config: KlimavagtConfig,
  ) {
    this.limits = zoneGeometryLimits(config);
  }

  list(filter: { hazard?: Hazard }): Promise<Zone[]> {
    return this.zones.listCurrent(filter);
  }

  async get(id: string): Promise<Zone> {
    const zone = await this.zones.get(id);
    if (zone) return zone;
    const history = await this.zones.history(id);
    throw asHttpError(new ZoneNotFoundError(id, history.length > 0));
  }

  async asOf(id: string, at: Date): Promise<Zone> {
    const zone = await this.zones.asOf(id, at);
    if (zone) return zone;
    const known = (await this.zones.history(id)).length > 0;
    throw new NotFoundException({
      error: known ? 'zone-not-valid-then' : 'zone-not-found',
      message: known ? `zone ${id} had no version valid at ${at.toISOString()}` : `zone ${id} does not exist`,
      id,
    });
  }

  async history(id: string): Promise<ZoneHistory> {
    const versions = await this.zones.history(id);
    if (versions.length === 0) throw asHttpError(new ZoneNotFoundError(id));
    const current = versions.find((v) => v.validTo === null);
    return { id, currentVersion: current?.version ?? null, retired: !current, versions };
  }

  async create(body: unknown, actor: ZoneChange['by']): Promise<Zone> {
    const { data, geometry } = checkZoneBody(zoneDocumentSchema, body, this.limits);
    const { reason, ...document } = data;
    return this.run(() => this.zones.create({ ...document, geometry }, { by: actor, reason }));
  }

  async update(id: string, body: unknown, actor: ZoneChange['by']): Promise<Zone> {
    const { data, geometry } = checkZoneBody(zoneUpdateSchema, body, this.limits);
    if (data.id !== undefined && data.id !== id) {
      throw new BadRequestException({
        error: 'invalid-zone',
        message: `the body's id ${data.id} differs from the path's ${id}: a zone's id cannot change`,
        problems: [{ code: 'id-mismatch', message: `id ${data.id} differs from the path's ${id}`, path: 'id' }],
      });
    }
    // Read-only fields of a zone read back from the API are ignored; expectedVersion says which version was edited.
    const { expectedVersion, reason, version: _version, validFrom: _from, validTo: _to, id: _id, ...document } = data;
    return this.run(() => this.zones.update({ ...document, id, geometry }, expectedVersion, { by: actor, reason }));
  }

  async retire(id: string, expectedVersion: number, change: ZoneChange): Promise<ZoneVersion> {
    return this.run(() => this.zones.retire(id, expectedVersion, change));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asHttpError(error);
    }
  }
}
