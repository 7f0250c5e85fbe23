/** A candidate group split into its role and agency parts at the first colon outside an expression. */
export function splitCandidateGroup(group: string): { role: string; agency: string | undefined } {
  let depth = 0;
  for (let index = 0; index < group.length; index += 1) {
    const character = group[index];
    if ((character === '$' || character === '#') && group[index + 1] === '{') depth += 1;
    else if (character === '}' && depth > 0) depth -= 1;
    else if (character === ':' && depth === 0) return { role: group.slice(0, index), agency: group.slice(index + 1) };
  }
  return { role: group, agency: undefined };
}

/** Whether a part of a candidate group is filled in when a dossier runs (`${agencyCode}`). */
export const holdsExpression = (text: string): boolean => /[$#]\{/.test(text);
