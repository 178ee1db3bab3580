/** Reading option values of the CLI commands, each mistake named by its flag. */

/** A mistake in the command line: reported with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** `--name`'s whole number in `min..max`, or `fallback` when absent. @throws UsageError */
export function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

/** `--name`'s value among `allowed`, or `fallback` when absent. @throws UsageError */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}
