/** One pipeline as the generators of `integrateio adopt` see it: what the API said, and its names. */
export interface AdoptedPipeline {
  /** The pipeline id. */
  readonly id: number;
  /** The pipeline name. */
  readonly name: string;
  /** True when the pipeline is deployed (status `deployed`). */
  readonly running: boolean;
  /** The definition file's name without `.yaml` (see names.ts). */
  readonly fileStem: string;
  /** The Terraform resource name and CDKTF construct id. */
  readonly resourceName: string;
  /** The definition as the API returned it, in YAML. */
  readonly definitionYaml: string;
}

/** What the generated code looks like. */
export interface GenerateOptions {
  /** `manage` writes each pipeline's run state into the code; `ignore` leaves it unmanaged. */
  readonly running: 'manage' | 'ignore';
  /** The provider version constraint, e.g. `~> 0.1`. */
  readonly providerVersion: string;
  /** The `--name-prefix` the pipelines were selected by, if any (named in the README). */
  readonly namePrefix?: string;
  /** Pipelines that were listed but left out, with the reason (named in the README). */
  readonly notAdopted?: readonly { readonly id: number; readonly name: string; readonly reason: string }[];
}

/** One file adopt writes: its path relative to the output folder, and its text. */
export interface GeneratedFile {
  /** The path under the output folder, with `/` separators. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
}

/** The path of a pipeline's definition file under the output folder. */
export function definitionPath(p: AdoptedPipeline): string {
  return `pipelines/${p.fileStem}.yaml`;
}

/**
 * A pipeline name as it may appear in a one-line comment of any generated file: quoted, with
 * control characters and the JavaScript line separators U+2028 and U+2029 escaped.
 */
export function quotedName(name: string): string {
  return JSON.stringify(name).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
