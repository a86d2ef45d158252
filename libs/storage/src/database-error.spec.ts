import { DatabaseError } from './database-error';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('DatabaseError.from', () => {
  it.each([
    ['0A000', 'function "continuous_agg_invalidation_trigger" is not supported under the current "timescale" license', false],
    ['42501', 'permission denied for table observations', false],
    ['25006', 'cannot execute INSERT in a read-only transaction', false],
    ['53100', 'could not extend file: No space left on device', true],
    ['08006', 'connection failure', true],
    ['57P01', 'terminating connection due to administrator command', true],
    ['42P01', 'relation "observations" does not exist', false],
    ['XX000', 'internal error', false],
  ])('%s is systemic: the database refuses every row (retriable %s)', (code, message, retriable) => {
    const error = DatabaseError.from(pgError(code, message));
    expect({ systemic: error.systemic, retriable: error.retriable, code: error.code }).toEqual({ systemic: true, retriable, code });
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['23514', 'new row violates check constraint'],
    ['22P02', 'invalid input syntax for type double precision: "high"'],
    ['22003', 'numeric field overflow'],
  ])('%s is about a row, not systemic', (code, message) => {
    expect(DatabaseError.from(pgError(code, message)).systemic).toBe(false);
  });

  it('a deadlock is worth a retry but says nothing about the database as a whole', () => {
    const error = DatabaseError.from(pgError('40P01', 'deadlock detected'));
    expect({ retriable: error.retriable, systemic: error.systemic }).toEqual({ retriable: true, systemic: false });
  });

  it('a refused connection (no SQLSTATE) is retriable and systemic', () => {
    const error = DatabaseError.from(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect({ retriable: error.retriable, systemic: error.systemic }).toEqual({ retriable: true, systemic: true });
  });
});
