import { z } from 'zod';

/** Shapes that build-time extraction produces and the answers show (re-exported by src/answers/types.ts). */

/** What the corpus tells of a person or outlet: the registry keeps it (people.ts), /who shows it. */
export const PersonProfileSchema = z.object({
  /** Every other form: short forms, other transliterations, originals in brackets. */
  aliases: z.array(z.string()),
  /** Titles the texts give, most frequent first. */
  roles: z.array(z.string()),
  /** How many articles name them. */
  mentions: z.number().int().min(0),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  /** Keywords of their statements. */
  topics: z.array(z.string()),
});
export type PersonProfile = z.infer<typeof PersonProfileSchema>;

export const PrecisionSchema = z.enum(['day', 'month', 'year', 'decade']);
export type Precision = z.infer<typeof PrecisionSchema>;
