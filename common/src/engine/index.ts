export * from './engine-client.js';
export * from './engine-variables.js';
