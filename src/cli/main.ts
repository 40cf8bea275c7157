#!/usr/bin/env node
import { processIo } from './io.js';
import { registerPlan } from './plan.js';
import { runCli, type CommandRegistrar } from './program.js';

const registrars: CommandRegistrar[] = [registerPlan];

const code = await runCli(process.argv.slice(2), processIo(), registrars);
process.exitCode = code;
