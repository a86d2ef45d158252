// An ISO 8601 instant in a request: zod's datetime check accepts offsets like +99:99 that no clock has, which
// Date.parse and PostgreSQL refuse; such a value is a 400 here, not a 500 later.
import { z } from 'zod';

export const instantSchema = z
  .string()
  .datetime({ offset: true })
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real instant (is the UTC offset within ±15:59?)');
