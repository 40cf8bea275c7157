#!/usr/bin/env node
import { registerBaselines } from './baselines.js';
import { registerCompare } from './compare.js';
import { processIo } from './io.js';
import { registerMerge } from './merge.js';
import { registerPlan } from './plan.js';
import { runCli, type CommandRegistrar } from './program.js';
import { registerProvision } from './provision.js';
import { registerRun } from './run.js';
import { registerReport } from './report.js';
import { registerSchema } from './schema.js';

const registrars: CommandRegistrar[] = [
  registerPlan,
  registerProvision,
  registerRun,
  registerReport,
  registerCompare,
  registerMerge,
  registerBaselines,
  registerSchema,
];

const code = await runCli(process.argv.slice(2), processIo(), registrars);
process.exitCode = code;
