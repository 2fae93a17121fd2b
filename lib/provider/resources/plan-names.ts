/**
 * The pipeline names planned by one provider process. Terraform runs one provider process per
 * provider configuration for a whole plan walk, and plans every resource instance in it, so two
 * instances planning the same name meet here, whatever their order.
 *
 * An instance is told apart by its pipeline id (an existing one, or the one it replaces: the
 * second plan of a replacement carries the first plan's private data, see `replacement-marker.ts`)
 * or, for a new one, by the order of its plan.
 */
export class PlannedNames {
  readonly #byName = new Map<string, Set<string>>();
  #fresh = 0;

  /** The key of a new instance that replaces nothing: unique per call. */
  freshKey(): string {
    this.#fresh++;
    return `new #${this.#fresh}`;
  }

  /**
   * Records that instance `key` plans a pipeline named `name`, and returns the keys of the other
   * instances of this plan that name theirs the same (empty when none).
   */
  claim(name: string, key: string): string[] {
    const keys = this.#byName.get(name) ?? new Set<string>();
    keys.add(key);
    this.#byName.set(name, keys);
    return [...keys].filter((k) => k !== key);
  }
}

/** The key of an instance whose pipeline is (or replaces) pipeline `id`. */
export function pipelineKey(id: number): string {
  return `pipeline ${id}`;
}
