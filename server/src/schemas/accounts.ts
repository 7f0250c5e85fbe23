import {
  AccountListSchema as SharedAccountListSchema,
  AccountSchema as SharedAccountSchema,
  TemporaryPasswordSchema as SharedTemporaryPasswordSchema,
} from '@motcua/common';

/** Officers' accounts as the admin unit manages them (shapes from @motcua/common). */
export {
  AccountParamsSchema,
  CreateAccountSchema,
  QueryAccountSchema,
  UpdateAccountSchema,
  type Account,
} from '@motcua/common';

export const AccountSchema = SharedAccountSchema.meta({ id: 'Account' });
export const AccountListSchema = SharedAccountListSchema.extend({ data: SharedAccountSchema.array() });
export const TemporaryPasswordSchema = SharedTemporaryPasswordSchema.extend({
  temporaryPassword: SharedTemporaryPasswordSchema.shape.temporaryPassword.describe(
    'shown this once and stored only as a hash: hand it to the officer, who must change it at the next sign-in',
  ),
}).meta({ id: 'TemporaryPassword' });
