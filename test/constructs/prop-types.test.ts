/**
 * What the prop types let through, checked by the TypeScript compiler itself (jest only
 * transpiles): invalid schedules and free-form timeouts must not compile.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const CONSTRUCTS = path.resolve(__dirname, '../../lib/constructs').split(path.sep).join('/');

/** Type-checks a snippet that imports the constructs entry; returns the line numbers (1-based) with errors. */
function errorLines(body: string): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrateio-types-'));
  const file = path.join(dir, 'snippet.ts');
  fs.writeFileSync(file, `import { Duration, PipelineDefinition, type DerivedPipelineDefinitionProps, type IPipeline, type PipelineDefinitionProps, type PipelineProps } from '${CONSTRUCTS}';\n${body}`);
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, types: ['node'], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file.split(path.sep).join('/') || d.file?.fileName === file)
    .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line);
}

test('fails to compile invalid schedules and timeouts; the valid ones compile', () => {
  const lines = [
    `const base = { name: 'o', sourceConnectionId: 1, destinationConnectionId: 2, tables: [{ name: 'public.o' }] };`,
    `const single: PipelineDefinitionProps = { ...base, frequency: 5 };`, // 2: ok
    `const split: PipelineDefinitionProps = { ...base, sourceFrequency: 5, destinationFrequency: 15 };`, // 3: ok
    `const both: PipelineDefinitionProps = { ...base, frequency: 5, sourceFrequency: 5, destinationFrequency: 15 };`, // 4: error
    `const half: PipelineDefinitionProps = { ...base, sourceFrequency: 5 };`, // 5: error
    `const none: PipelineDefinitionProps = { ...base };`, // 6: error
    `const derived: DerivedPipelineDefinitionProps = { frequency: 5, sourceFrequency: 1 };`, // 7: error
    `const derivedHalf: DerivedPipelineDefinitionProps = { destinationFrequency: 60 };`, // 8: ok (the base may have the other half)
    `const timeouts: Pick<PipelineProps, 'startTimeout' | 'stopTimeout'> = { startTimeout: Duration.minutes(5), stopTimeout: '90s' };`, // 9: ok
    `const wrong: Pick<PipelineProps, 'startTimeout'> = { startTimeout: 300 };`, // 10: error
    `const pipelineId: IPipeline['pipelineId'] = 'x';`, // 11: ok
    `export { single, split, both, half, none, derived, derivedHalf, timeouts, wrong, pipelineId, PipelineDefinition };`,
  ];
  expect(errorLines(lines.join('\n'))).toEqual([4, 5, 6, 7, 10]);
}, 120000);
