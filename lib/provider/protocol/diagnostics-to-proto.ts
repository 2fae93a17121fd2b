import { formatAttributePath, type AttributePath, type Diagnostic } from '../framework';
import type { AttributePathMessage, DiagnosticMessage } from './proto-messages';

/** Converts an attribute path to `tfplugin6.AttributePath`. */
export function attributePathToProto(path: AttributePath): AttributePathMessage {
  return {
    steps: path.map((step) =>
      typeof step === 'string' ? { attribute_name: step } : typeof step === 'number' ? { element_key_int: step } : { element_key_string: step.key },
    ),
  };
}

/**
 * The part of a diagnostic's path that Terraform can place in the configuration.
 *
 * Terraform 1.11 maps a diagnostic path to source by walking nested *blocks*; steps into nested
 * attributes are skipped, and the last attribute name is then looked up in the resource body.
 * `['definition', 'steps', 0, 'name']` would underline the resource's own `name` line. So only
 * `[attribute]` or `[attribute, index-or-key]` is sent (Terraform underlines that value or
 * element), and deeper paths are spelled out in the detail instead.
 */
export function locatablePath(path: AttributePath): { path: AttributePath; spelledOut: boolean } {
  if (path.length <= 1 || (path.length === 2 && typeof path[1] !== 'string')) return { path, spelledOut: false };
  return { path: path.slice(0, typeof path[0] === 'string' ? 1 : 0), spelledOut: true };
}

/** Converts diagnostics to `tfplugin6.Diagnostic` messages (see {@link locatablePath}). */
export function diagnosticsToProto(diagnostics: readonly Diagnostic[]): DiagnosticMessage[] {
  return diagnostics.map((d) => {
    const located = d.path ? locatablePath(d.path) : { path: [], spelledOut: false };
    const detail = located.spelledOut && d.path ? `At ${formatAttributePath(d.path)}: ${d.detail}` : d.detail;
    const message: DiagnosticMessage = { severity: d.severity === 'error' ? 1 : 2, summary: d.summary, detail };
    if (located.path.length > 0) message.attribute = attributePathToProto(located.path);
    return message;
  });
}
