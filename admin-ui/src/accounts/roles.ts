import { ROLES } from '@motcua/common';

/** The roles as choices of a form, labelled in the officer's language (motcua.roles.<role>). */
export const ROLE_CHOICES = ROLES.map((role) => ({ id: role, name: `motcua.roles.${role}` }));
