export * from './policy.js';
export { COMMON_PASSWORD_BASES, COMMON_PASSWORDS } from './common-passwords.js';
