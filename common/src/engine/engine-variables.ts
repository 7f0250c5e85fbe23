/** Conversion between plain JavaScript values and the engine's typed variable format. */
export interface EngineVariable {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}
export type EngineVariables = Record<string, EngineVariable>;

/** The engine's date format: ISO 8601 with milliseconds and an offset without a colon. */
export function toEngineDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function toEngineVariable(value: unknown): EngineVariable {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (value instanceof Date) return { value: toEngineDate(value), type: 'Date' };
  switch (typeof value) {
    case 'string':
      return { value, type: 'String' };
    case 'boolean':
      return { value, type: 'Boolean' };
    case 'number':
      return Number.isInteger(value) ? { value, type: 'Integer' } : { value, type: 'Double' };
    default:
      return { value: JSON.stringify(value), type: 'Json' };
  }
}

export function toEngineVariables(values: Record<string, unknown>): EngineVariables {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, toEngineVariable(value)]),
  );
}
