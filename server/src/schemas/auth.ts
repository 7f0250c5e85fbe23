import { z } from 'zod';
import { ROLES } from '@motcua/common';
import './common.js';

/** Login request and the claims inside the bearer token it returns. */
export const LoginSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const TokenSchema = z.object({
  token: z.string().describe('JWT to send as `Authorization: Bearer <token>`'),
});

/** What the server signs into the token and reads back on every request. */
export const TokenPayloadSchema = z.object({
  sub: z.string().describe('username'),
  roles: z.array(z.enum(ROLES)),
  agencyCode: z.string(),
  fullName: z.string(),
});
export type TokenPayload = z.infer<typeof TokenPayloadSchema>;
