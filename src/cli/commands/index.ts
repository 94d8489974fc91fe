import type { Command } from '../io.ts';

/** Every CLI command, one file each under this folder. */
export const commands: Command[] = [];

import { evaluateCommand } from './evaluate.ts';
commands.push(evaluateCommand);

import { solveCommand } from './solve.ts';
commands.push(solveCommand);

import { loadCommand } from './load.ts';
commands.push(loadCommand);

import { accessCommand } from './access.ts';
commands.push(accessCommand);

import { zonesCommand } from './zones.ts';
commands.push(zonesCommand);

import { joinCommand } from './join.ts';
commands.push(joinCommand);

import { recommendCommand } from './recommend.ts';
commands.push(recommendCommand);
