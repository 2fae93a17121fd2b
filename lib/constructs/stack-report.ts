import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** Where a construct keeps the function that lists its problems (see {@link addReportedValidation}). */
const PROBLEMS = Symbol.for('integrateio.problemMessages');
/** Marks a stack whose validation starts a pass (see {@link watchStack}). */
const WATCHED = Symbol.for('integrateio.watchedStack');

/** The messages of one construct; `pass` is undefined for a construct outside any stack. */
type Problems = (pass: StackPass | undefined) => string[];

/**
 * One validation of one stack: the constructs of this library in it, in the order cdktf validates
 * them, and what is shared between their validations (computed once per pass).
 */
export class StackPass {
  /** The constructs of this library in the stack, in preorder (the order cdktf validates them). */
  readonly reporters: IConstruct[];
  /** Whether one of them reported a problem so far in this pass. */
  failed = false;
  private readonly memos = new Map<string, unknown>();

  constructor(readonly stack: TerraformStack) {
    this.reporters = stack.node.findAll().filter((c) => PROBLEMS in c && findStack(c) === stack);
  }

  /** A value computed once per pass (e.g. the stack's pipelines by name). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}

const passes = new WeakMap<TerraformStack, StackPass>();

/** The stack a construct is in, if any. */
export function findStack(construct: IConstruct): TerraformStack | undefined {
  for (let scope: IConstruct | undefined = construct; scope !== undefined; scope = scope.node.scope) {
    if (TerraformStack.isStack(scope)) return scope;
  }
  return undefined;
}

function passOf(stack: TerraformStack): StackPass {
  let pass = passes.get(stack);
  if (!pass) passes.set(stack, (pass = new StackPass(stack)));
  return pass;
}

/**
 * Makes the stack's own validation (which cdktf runs before its children's) start a new pass, so
 * the constructs' validations that follow share one {@link StackPass}.
 */
function watchStack(stack: TerraformStack): void {
  if (WATCHED in stack) return;
  Object.defineProperty(stack, WATCHED, { value: true });
  stack.node.addValidation({
    validate: () => {
      passes.set(stack, new StackPass(stack));
      return [];
    },
  });
}

/** The problems of this library's constructs in the app's other stacks, as `[path] message` lines. */
function otherStacksProblems(stack: TerraformStack): string[] {
  const lines: string[] = [];
  for (const other of stack.node.root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c) && c !== stack)) {
    const pass = new StackPass(other);
    for (const construct of pass.reporters) {
      const problems = (construct as unknown as Record<symbol, Problems>)[PROBLEMS];
      for (const message of problems(pass)) lines.push(`[${construct.node.path}] ${message}`);
    }
  }
  return lines;
}

/**
 * Validates a construct with `problems` (its messages, as cdktf reports them with its path), and
 * makes one `cdktf synth` report every stack's problems at once: cdktf stops at the first stack
 * whose validation fails, so the last construct of this library in a failing stack adds the
 * problems of this library's constructs in the app's other stacks, each on its own line as
 * `[path] message`.
 */
export function addReportedValidation(construct: IConstruct, problems: Problems): void {
  Object.defineProperty(construct, PROBLEMS, { value: problems });
  const stack = findStack(construct);
  if (stack) watchStack(stack);
  construct.node.addValidation({
    validate: () => {
      if (!stack) return problems(undefined);
      const pass = passOf(stack);
      const messages = problems(pass);
      if (messages.length > 0) pass.failed = true;
      if (pass.failed && pass.reporters[pass.reporters.length - 1] === construct) {
        const others = otherStacksProblems(stack);
        if (others.length > 0) {
          messages.push(`other stacks of this app have problems too (cdktf stops at the first stack that fails, so they are listed here):\n  ${others.join('\n  ')}`);
        }
      }
      return messages;
    },
  });
}
