/** Workspace-symbol matching: every character of the query appears in the name, in order (as VS Code filters). */
export function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const ch of needle) {
    at = haystack.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
