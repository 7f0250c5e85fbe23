import { z } from 'zod';

/**
 * The shapes of what a dossier row keeps as JSON, read tolerantly (a row written before its shape was
 * fixed reads as empty): the documents handed in, the missing items of a reception's supplement
 * request, the items of a pause. One home for the dossier's answers (dossier-service.ts) and its
 * forms (forms-service.ts); built once, because building a zod schema costs more than parsing with
 * it and every dossier answer, each row of a list, reads them.
 */
export const HandedInDocumentsSchema = z
  .array(z.object({ name: z.string(), originals: z.number().int(), copies: z.number().int() }))
  .catch([]);
export const MissingItemsSchema = z.object({ missingItems: z.array(z.string()) }).catch({ missingItems: [] });
export const ItemsSchema = z.array(z.string()).catch([]);
