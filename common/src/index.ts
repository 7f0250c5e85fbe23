export * from './roles.js';
export * from './dossier-status.js';
export * from './procedures.js';
export * from './dossier-dto.js';
