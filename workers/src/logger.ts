/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), the format the server's
 * logger (pino) writes too, so one tool reads both.
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

function write(level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, message: string): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...fields });
  if (level === 'info') process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  return {
    info: (fields, message) => write('info', { ...base, ...fields }, message),
    warn: (fields, message) => write('warn', { ...base, ...fields }, message),
    error: (fields, message) => write('error', { ...base, ...fields }, message),
  };
}

/** Describes an error for a log line without losing its cause. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { err: { name: error.name, message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}
