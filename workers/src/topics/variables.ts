/** Zod schemas of the process variables that several topics read (the contract: VARIABLES of @motcua/common). */
import { z } from 'zod';

/**
 * A list of texts sent as a Json variable (an array), or as a String holding JSON, e.g. the missing
 * items of a supplement request: each one non-empty, at least one.
 */
export const TextList = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value; // reported by the array schema, naming the variable
    }
  },
  z.array(z.string().trim().min(1)).min(1),
);

/** The Date variables planned per step (`due_<activity id>`), picked from every fetched variable. */
export function stepDueVariables(variables: Record<string, unknown>): Map<string, Date> {
  return new Map(
    Object.entries(variables).filter(
      (entry): entry is [string, Date] => entry[0].startsWith('due_') && entry[1] instanceof Date,
    ),
  );
}
