import type { GenerateOptions } from './adopted-pipeline';

const HCL_STEPS = `1. Set the API settings (never write the key into a file):

       export INTEGRATEIO_API_URL=https://…   # the URL adopt read from
       export INTEGRATEIO_API_KEY=fdk_…

2. Install the provider if your Terraform cannot download it (\`integrateio provider install\`),
   then \`terraform init\`.
3. \`terraform plan\`: it must show every pipeline to import and nothing to add, change or destroy.
   Anything else means a pipeline changed since adopt ran: run adopt again with \`--force\`.
4. \`terraform apply\` imports them into state. The next \`terraform plan\` is empty.
5. Delete \`imports.tf\` if you like (import blocks of imported resources do nothing), commit, and
   from now on change pipelines by editing \`pipelines/*.yaml\`.
`;

const CDKTF_STEPS = `1. \`npm install\`, then set the API settings (never write the key into a file):

       export INTEGRATEIO_API_URL=https://…   # the URL adopt read from
       export INTEGRATEIO_API_KEY=fdk_…

2. \`npx cdktf synth\` (or \`npx tsc && node main.js\`), then, with plain Terraform:
   \`cd cdktf.out/stacks/pipelines && terraform init && terraform plan\`; or \`npx cdktf plan\`.
3. The plan must show every pipeline to import and nothing to add, change or destroy. Anything
   else means a pipeline changed since adopt ran: run adopt again with \`--force\`.
4. Apply (\`terraform apply\` there, or \`npx cdktf deploy\`) imports them into state. The next plan
   is empty. The \`importFrom\` calls can stay (they do nothing once imported) or be removed.
5. From now on change pipelines by editing \`pipelines/*.yaml\` or the code in \`main.ts\`.
`;

function notAdopted(options: GenerateOptions): string {
  const left = options.notAdopted ?? [];
  if (left.length === 0) return '';
  return `\n## Not adopted\n\n${left.map((p) => `- pipeline ${p.id} ${JSON.stringify(p.name)}: ${p.reason}`).join('\n')}\n`;
}

/** The README of an adopted folder: what it holds and what to do next. */
export function adoptReadme(format: 'hcl' | 'cdktf', count: number, options: GenerateOptions): string {
  const what = format === 'hcl' ? 'a Terraform root module' : 'a TypeScript CDKTF app';
  const selection = options.namePrefix !== undefined ? ` whose name starts with ${JSON.stringify(options.namePrefix)}` : '';
  const running =
    options.running === 'manage'
      ? 'Each pipeline\'s run state is managed (`running = true/false` as it was when adopted): applying starts or stops pipelines whose state differs.'
      : 'Run states are not managed (no `running`): starting and stopping stay outside this code.';
  return `# Adopted Integrate.io pipelines

\`integrateio adopt\` wrote ${what} for the ${count} live pipeline${count === 1 ? '' : 's'} of the account${selection}:
one definition file per pipeline in \`pipelines/\` (the canonical document as the API returned it,
with a header naming its id), and the code that imports each pipeline by id instead of creating it.
${running}

## Next steps

${format === 'hcl' ? HCL_STEPS : CDKTF_STEPS}${notAdopted(options)}
## Running adopt again

\`integrateio adopt --out <this folder> --force\` rewrites the files it wrote (listed in
\`.integrateio-adopt.json\`) and removes those of pipelines that are gone; it never touches other
files, and refuses when one of its files would overwrite a file it did not write.
`;
}
