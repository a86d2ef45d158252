// Initiative reads and edits: the document is checked (zod schema) before anything is stored, and the
// repository's typed errors become the API's 404, 409 and 422 answers.
import { BadRequestException, ConflictException, HttpException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { z } from 'zod';
import {
  InitiativeAlreadyExistsError,
  InitiativeChange,
  InitiativeChangeRecord,
  InitiativeFilter,
  InitiativeNotFoundError,
  InitiativesRepository,
  InitiativeUnknownZonesError,
  InitiativeVersionConflictError,
  StoredInitiative,
} from '@klimavagt/storage';
import { initiativeDocumentSchema, InitiativeProblem, initiativeProblems, initiativeUpdateSchema } from './initiative.schema';

export interface InitiativeHistory {
  id: string;
  currentVersion: number;
  changes: InitiativeChangeRecord[];
}

function describe(what: string, problems: readonly InitiativeProblem[]): string {
  return `${what}: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`;
}

/** A 400 `invalid-initiative` listing every problem of the body at once. */
export function checkInitiativeBody<S extends typeof initiativeDocumentSchema | typeof initiativeUpdateSchema>(schema: S, body: unknown): z.infer<S> {
  const checked = initiativeProblems(schema, body ?? {});
  if (!checked.ok) {
    const problems = checked.problems;
    throw new BadRequestException({ error: 'invalid-initiative', message: describe('the initiative is invalid', problems), problems });
  }
  return checked.data;
}

function asHttpError(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof InitiativeNotFoundError) {
    return new NotFoundException({ error: 'initiative-not-found', message: error.message, id: error.initiativeId });
  }
  if (error instanceof InitiativeVersionConflictError) {
    return new ConflictException({
      error: 'version-conflict',
      message: error.message,
      id: error.initiativeId,
      expectedVersion: error.expectedVersion,
      currentVersion: error.currentVersion,
    });
  }
  if (error instanceof InitiativeAlreadyExistsError) {
    return new ConflictException({ error: 'initiative-exists', message: error.message, id: error.initiativeId });
  }
  if (error instanceof InitiativeUnknownZonesError) {
    return new UnprocessableEntityException({ error: 'unknown-zone', message: error.message, id: error.initiativeId, zoneIds: error.zoneIds });
  }
  return error;
}

@Injectable()
export class InitiativesService {
  constructor(private readonly initiatives: InitiativesRepository) {}

  list(filter: InitiativeFilter): Promise<StoredInitiative[]> {
    return this.initiatives.list(filter);
  }

  async get(id: string): Promise<StoredInitiative> {
    const initiative = await this.initiatives.get(id);
    if (!initiative) throw asHttpError(new InitiativeNotFoundError(id));
    return initiative;
  }

  async history(id: string): Promise<InitiativeHistory> {
    const changes = await this.initiatives.history(id);
    if (changes.length === 0) throw asHttpError(new InitiativeNotFoundError(id));
    return { id, currentVersion: changes[changes.length - 1].version, changes };
  }

  async create(body: unknown, actor: InitiativeChange['by']): Promise<StoredInitiative> {
    const { reason, ...document } = checkInitiativeBody(initiativeDocumentSchema, body);
    return this.run(() => this.initiatives.create(document, { by: actor, reason }));
  }

  async update(id: string, body: unknown, actor: InitiativeChange['by']): Promise<StoredInitiative> {
    const data = checkInitiativeBody(initiativeUpdateSchema, body);
    if (data.id !== undefined && data.id !== id) {
      throw new BadRequestException({
        error: 'invalid-initiative',
        message: `the body's id ${data.id} differs from the path's ${id}: an initiative's id cannot change`,
        problems: [{ code: 'id-mismatch', message: `id ${data.id} differs from the path's ${id}`, path: 'id' }],
      });
    }
    // Read-only fields of an initiative read back from the API are ignored; expectedVersion says which version was edited.
    const { expectedVersion, reason, version: _version, createdAt: _created, updatedAt: _updated, id: _id, ...document } = data;
    return this.run(() => this.initiatives.update({ ...document, id }, expectedVersion, { by: actor, reason }));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asHttpError(error);
    }
  }
}
