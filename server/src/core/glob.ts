/** Turns a glob (`**`, `*`, `?`, `{a,b}`) into a regular expression over '/'-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        pattern += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        pattern += '[^/]*';
      }
    } else if (ch === '?') pattern += '[^/]';
    else if (ch === '{') {
      inBraces = true;
      pattern += '(?:';
    } else if (ch === '}' && inBraces) {
      inBraces = false;
      pattern += ')';
    } else if (ch === ',' && inBraces) pattern += '|';
    else pattern += ch.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${pattern}$`);
}

export function matchesAnyGlob(path: string, globs: string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  return globs.some((glob) => globToRegExp(glob).test(normalized));
}
