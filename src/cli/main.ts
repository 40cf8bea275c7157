#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli, type CommandRegistrar } from './program.js';

const registrars: CommandRegistrar[] = [];

const code = await runCli(process.argv.slice(2), processIo(), registrars);
process.exitCode = code;
