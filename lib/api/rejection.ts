/**
 * What the API said about a definition it rejected (a 400 or 422), without the HTTP method, path
 * and status and without repeating the field: `{ field: 'tables[1].columns', message: 'use
 * include or exclude, not both' }`. `field` is absent when the answer lists several problems (the
 * message then holds them all) or names none. Server positions (`line 1, column 150`) are dropped:
 * they point into the JSON the client sent, not into the user's file.
 */
export function describeRejection(err: { readonly detail: string; readonly field?: string }): { field?: string; message: string } {
  let message = err.detail.replace(/^the definition is invalid: /, '').replace(/ \(line \d+(, column \d+)?\)/g, '');
  const several = message.includes('; ');
  if (err.field && !several && message.startsWith(`${err.field}: `)) message = message.slice(err.field.length + 2);
  return several || !err.field ? { message } : { field: err.field, message };
}
