import { z } from 'zod';
import { text } from './errors.js';
import { ROLES } from '../roles.js';

/** Signing in (POST /api/auth/login) and the claims of the bearer token it returns. */

export const LoginSchema = z.object({
  username: text(100).min(1),
  password: z.string().min(1).max(200),
});
export type Login = z.infer<typeof LoginSchema>;

export const TokenSchema = z.object({
  /** The JWT to send as `Authorization: Bearer <token>`. */
  token: z.string(),
});
export type TokenResponse = z.infer<typeof TokenSchema>;

/** What the server signs into the token and reads back on every request. */
export const TokenPayloadSchema = z.object({
  /** The username. */
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  agencyCode: z.string(),
  fullName: z.string(),
  /**
   * The account's token version when the token was issued. Changing the password, roles, agency or
   * active flag raises the account's version (a database trigger), which revokes older tokens.
   */
  ver: z.number().int().nonnegative(),
  /**
   * Set when the password is temporary (after an admin created the account or reset it): the token
   * is good for nothing but changing the password (POST /api/auth/change-password) and GET /api/me.
   */
  mustChangePassword: z.boolean().optional(),
});
export type TokenPayload = z.infer<typeof TokenPayloadSchema>;

/** The payload of an issued token: the signed claims plus the expiry (seconds since the epoch) the signer adds. */
export const IssuedTokenSchema = TokenPayloadSchema.extend({ exp: z.number() });
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;
