import { z } from 'zod';
import { AgencyCodeSchema } from '../agency-code.js';
import { ROLES } from '../roles.js';
import { DateTimeSchema } from './date-time.js';
import { formattedString, text } from './errors.js';

/**
 * Officers' accounts as the admin unit manages them (regulation Art. 9.1: the admin unit creates
 * users and assigns permissions): /api/accounts, and the officer's own password change
 * (POST /api/auth/change-password). An admin manages the accounts of their agency and of the
 * agencies below it. Passwords follow the policy in ../password/policy.ts; the admin never chooses
 * one: creating an account or resetting its password gives a temporary password, shown once, that
 * the officer must change at the next sign-in.
 */

/** Lower-case letters, digits, dots, hyphens and underscores, starting with a letter or digit: `xa.specialist`. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const UsernameSchema = formattedString(
  'username',
  64,
  USERNAME_PATTERN,
  'must be 3 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit',
);

/** The roles an account holds: at least one, each once. */
export const AccountRolesSchema = z
  .array(z.enum(ROLES))
  .min(1)
  .max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'must not list a role twice' });

const AgencyRefSchema = z.object({ code: z.string(), name: z.string() });

/** An account as the admin sees it; never its password or hash. */
export const AccountSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agency: AgencyRefSchema,
  active: z.boolean(),
  /** Set by a reset (and at creation): the next sign-in may do nothing but change the password. */
  mustChangePassword: z.boolean(),
  /** When the officer last chose their own password; null while they have only had temporary ones. */
  passwordChangedAt: DateTimeSchema.nullable(),
  createdAt: DateTimeSchema,
});
export type Account = z.infer<typeof AccountSchema>;

export const AccountListSchema = z.object({
  data: z.array(AccountSchema),
  total: z.number().int().nonnegative(),
});
export type AccountList = z.infer<typeof AccountListSchema>;

export const QueryAccountSchema = z.object({
  /** Part of the username or the full name, in any case. */
  q: text(100).optional(),
  /** Only the accounts of this agency (which must be in the caller's subtree). */
  agencyCode: AgencyCodeSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueryAccount = z.infer<typeof QueryAccountSchema>;

export const AccountParamsSchema = z.object({ username: UsernameSchema });

export const CreateAccountSchema = z.object({
  username: UsernameSchema,
  fullName: text(200).min(2),
  roles: AccountRolesSchema,
  agencyCode: AgencyCodeSchema,
});
export type CreateAccount = z.infer<typeof CreateAccountSchema>;

/** What an admin may change; at least one field. A change of roles, agency or `active` revokes the account's tokens at once. */
export const UpdateAccountSchema = z
  .object({
    fullName: text(200).min(2).optional(),
    roles: AccountRolesSchema.optional(),
    agencyCode: AgencyCodeSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: 'must change at least one of fullName, roles, agencyCode, active',
  });
export type UpdateAccount = z.infer<typeof UpdateAccountSchema>;

/** A temporary password, shown to the admin once and never stored in the clear. */
export const TemporaryPasswordSchema = z.object({
  account: AccountSchema,
  temporaryPassword: z.string(),
});
export type TemporaryPassword = z.infer<typeof TemporaryPasswordSchema>;

/**
 * The officer's own change. The new password is bounded here only against abuse (a 1 MB body);
 * the policy's own limits and checks run in the service, which answers with their codes.
 */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(512),
  newPassword: z.string().min(1).max(512),
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;
