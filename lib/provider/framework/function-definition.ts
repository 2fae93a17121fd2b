import type { TfType } from './tf-type';
import type { Value } from './value';

/** One positional parameter of a provider-defined function. */
export interface FunctionParameter {
  /** Display name, e.g. `text`. */
  readonly name: string;
  /** What the argument is, for documentation. */
  readonly description: string;
  /** The type Terraform converts the argument to before the call. */
  readonly type: TfType;
}

/**
 * The outcome of a provider-defined function: its result, or an error whose text Terraform shows
 * with the call's location (and the argument, when `argument` is its index).
 */
export type FunctionResult = { readonly result: Value } | { readonly error: string; readonly argument?: number };

/**
 * A provider-defined function (`provider::<provider>::<name>(...)`, Terraform 1.8 and later).
 * Terraform only calls it with known, non-null arguments; it must be pure: the same arguments
 * always give the same result.
 *
 * @example
 * const upper = {
 *   name: 'upper',
 *   summary: 'Upper-cases text.',
 *   description: 'Returns the text in upper case.',
 *   parameters: [{ name: 'text', description: 'Any text.', type: 'string' }],
 *   returnType: 'string',
 *   run: ([text]) => ({ result: String(text).toUpperCase() }),
 * } satisfies FunctionDefinition;
 */
export interface FunctionDefinition {
  /** The function name (lowercase letters, digits and underscores). */
  readonly name: string;
  /** One line: what it does. */
  readonly summary: string;
  /** What it does, takes and returns. */
  readonly description: string;
  /** The positional parameters. */
  readonly parameters: readonly FunctionParameter[];
  /** The type of the result (`dynamic`: the result's own type). */
  readonly returnType: TfType;
  /** Runs the function on the decoded arguments. */
  run(args: readonly Value[]): FunctionResult;
}
