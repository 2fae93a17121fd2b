import { Token, type IResolvable } from 'cdktf';

/**
 * A value produced when the stack is synthesized, like `Lazy.anyValue`, without the stack trace
 * `Lazy` captures at creation (cdktf shows it only when resolving fails, and it costs more than
 * the rest of a `Pipeline`'s construction).
 */
class DeferredValue implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(
    private readonly produce: () => unknown,
    private readonly displayHint: () => string,
  ) {}

  resolve(): unknown {
    return this.produce();
  }

  toString(): string {
    return Token.asString(this, { displayHint: this.displayHint() });
  }

  toJSON(): string {
    return '<unresolved-deferred-value>';
  }
}

/**
 * A token that resolves to `produce()` at synth; `displayHint()` names it in messages (made only
 * when the token is shown, since a construct's path is not free to make).
 *
 * @example
 * const value = deferredValue(() => renderDefinition(definition.document), () => `definition of ${definition.node.path}`);
 */
export function deferredValue(produce: () => unknown, displayHint: () => string): IResolvable {
  return new DeferredValue(produce, displayHint);
}
