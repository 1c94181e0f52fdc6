import type { ParseArgsConfig } from 'node:util';
import type { AppContext } from './context.js';

/*
 * A command of `npm run wangge -- <command>`. The CLI's own commands are in cli/commands.ts;
 * a module adds its own through `commands` in its manifest (privacy: keys:rotate, people:erase).
 */

export interface CliIo {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  out: NodeJS.WritableStream;
  readFile(path: string): string;
}

export interface CliCommand {
  summary: string;
  options?: ParseArgsConfig['options'];
  run(ctx: AppContext, io: CliIo): Promise<number>;
}
