/** A pipeline as adopt names it. */
export interface NamedPipeline {
  /** The pipeline id. */
  readonly id: number;
  /** The pipeline name. */
  readonly name: string;
}

/** The names adopt gives one pipeline in the code it writes. */
export interface AdoptedNames {
  /** The definition file's name without `.yaml`: lowercase ASCII letters, digits and dashes. */
  readonly fileStem: string;
  /** The Terraform resource name and CDKTF construct id: a valid HCL identifier. */
  readonly resourceName: string;
}

/** Longest file stem written, in characters (file systems allow 255 bytes; the id suffix needs room). */
const MAX_STEM = 80;

/** Device names that Windows does not allow as file names, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A file-name-safe form of a pipeline name: accents dropped (`Café` → `cafe`), lowercase (so that
 * case-insensitive file systems see what this sees), every run of other characters a dash. Empty
 * when nothing of the name survives (a name in a non-Latin script or only emoji).
 */
export function safeStem(name: string): string {
  const ascii = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const stem = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_STEM).replace(/-+$/, '');
  return RESERVED.test(stem) ? `${stem}-pipeline` : stem;
}

/** The HCL identifier of a file stem: dashes become underscores, and a leading digit gets `p_`. */
export function resourceNameOf(stem: string): string {
  const name = stem.replace(/-/g, '_');
  return /^[0-9]/.test(name) ? `p_${name}` : name;
}

/**
 * Names every pipeline for the code adopt writes: file stems and resource names that are safe and
 * unique (also when compared without case). Pipelines are named oldest first (lowest id), so the
 * oldest of a group whose names collide keeps the plain name and the others get `-<id>`; a
 * pipeline whose name leaves nothing usable is `pipeline-<id>`. The same account gives the same
 * names on every run.
 */
export function assignNames(pipelines: readonly NamedPipeline[]): Map<number, AdoptedNames> {
  const out = new Map<number, AdoptedNames>();
  const usedStems = new Set<string>();
  const usedResources = new Set<string>();
  for (const p of [...pipelines].sort((a, b) => a.id - b.id)) {
    const base = safeStem(p.name) || `pipeline-${p.id}`;
    const candidates = [base, `${base}-${p.id}`];
    for (let n = 2; candidates.length < 2 + 100; n++) candidates.push(`${base}-${p.id}-${n}`);
    const stem = candidates.find((c) => !usedStems.has(c) && !usedResources.has(resourceNameOf(c)))!;
    usedStems.add(stem);
    usedResources.add(resourceNameOf(stem));
    out.set(p.id, { fileStem: stem, resourceName: resourceNameOf(stem) });
  }
  return out;
}
