import { readFileSync } from 'node:fs';

/** One instruction of a Dockerfile: `COPY --from=build /app/x x` is { keyword: 'COPY', flags: { from: 'build' }, args: [...] }. */
export interface Instruction {
  keyword: string;
  flags: Record<string, string>;
  args: string[];
  /** The text after the keyword, for RUN and CMD. */
  text: string;
}

export interface Stage {
  /** The image or earlier stage it starts from. */
  from: string;
  name?: string;
  instructions: Instruction[];
}

/**
 * The stages of a Dockerfile, read the way Docker reads them for what our tests check: comments and
 * parser directives dropped, backslash continuations joined, `--flag=value` options split off.
 */
export function readDockerfile(file: string): Stage[] {
  const logicalLines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [keyword = '', ...words] = line.split(/\s+/);
    const text = line.slice(keyword.length).trim();
    const flags = Object.fromEntries(
      words.filter((word) => word.startsWith('--')).map((word) => word.slice(2).split('=') as [string, string]),
    );
    const args = words.filter((word) => !word.startsWith('--'));
    if (keyword.toUpperCase() === 'FROM') {
      stages.push({ from: args[0]!, name: args[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), flags, args, text });
    }
  }
  return stages;
}

/** A stage and the stages it is built on, base first (`FROM manifests` continues the stage named so). */
export function stageChain(stages: Stage[], stage: Stage): Stage[] {
  const base = stages.find((candidate) => candidate.name === stage.from);
  return base ? [...stageChain(stages, base), stage] : [stage];
}
