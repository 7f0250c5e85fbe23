import { LoginSchema, TokenSchema as SharedTokenSchema } from '@motcua/common';

/** Login request and the claims inside the bearer token it returns (shapes from @motcua/common). */
export { LoginSchema };
export { TokenPayloadSchema, type TokenPayload } from '@motcua/common';

export const TokenSchema = SharedTokenSchema.extend({
  token: SharedTokenSchema.shape.token.describe('JWT to send as `Authorization: Bearer <token>`'),
});
export { ChangePasswordSchema } from '@motcua/common';
