/**
 * Options for a database transaction that waits on an engine call: the engine client times out
 * after 10 s, so the transaction must outlive it (Prisma's default is 5 s).
 */
export const ENGINE_CALL_TRANSACTION = { maxWait: 5_000, timeout: 20_000 } as const;
