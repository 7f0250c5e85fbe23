/** Test support shared by the workspaces' integration tests: the real engine and real PostgreSQL. */
export * from './free-port.js';
export * from './test-engine.js';
export * from './test-database.js';
export * from './engine-rest.js';
