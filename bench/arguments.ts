/** What the benchmarks read from their command line. */
/** The command line's `--name=value` (or bare `--name`, true) arguments. */
export function benchArguments(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  return new Map(
    argv.map((arg) => {
      const [key, value] = arg.replace(/^--/, '').split('=');
      return [key!, value ?? 'true'] as const;
    }),
  );
}
