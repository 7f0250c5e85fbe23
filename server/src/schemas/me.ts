import { z } from 'zod';
import { ROLES } from '@motcua/common';

/** The signed-in officer. */
export const MeSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agency: z.object({ code: z.string(), name: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;
