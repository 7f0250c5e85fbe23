/** Test support shared by the workspaces' integration tests: the real engine and real PostgreSQL. */
export * from './free-port.js';
export * from './test-engine.js';
export * from './test-database.js';
export * from './engine-rest.js';
export * from './seeded-random.js';
export * from './hostile-input.js';
export * from './generative-counts.js';
