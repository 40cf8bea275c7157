import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDuration } from '../core/duration.js';
import { ExitCode, InputError } from '../core/errors.js';
import { mergeResults, readResults, writeResults } from '../metrics/results-file.js';
import { formatCount } from '../core/format.js';
import type { Io } from './io.js';
import type { CommandRegistrar } from './program.js';

/** `chatload merge`: the segments of one run (`run --segment I/N`) into one results file. */

interface MergeOptions {
  output: string;
}

export const registerMerge: CommandRegistrar = (program, context) => {
  program
    .command('merge')
    .summary('merge the results files of the segments of one run into one')
    .description(
      'Merge the results of the segments of one run (`chatload run --segment I/N` on several ' +
        'machines) exactly: counts add, HDR histograms merge bucket by bucket and the summary ' +
        'percentiles are recomputed from them, per-second series align on time, thresholds are ' +
        're-evaluated on the merged data. Only the segments 0/N to (N-1)/N of one run merge, each ' +
        'exactly once: files of different scenarios, seeds, scales, models or target kinds are ' +
        'refused, and so are whole runs, merged files, the same segment twice and a missing one.',
    )
    .argument('<results...>', 'the segment results files (two or more)')
    .requiredOption('-o, --output <file>', 'the merged results file to write')
    .addHelpText(
      'after',
      `
Per-second p50/p95/p99 cannot be merged exactly (a file keeps no per-second histogram); the
merged file says how they were combined in its notes.

Examples:
  chatload merge seg1.json seg2.json -o merged.json
  chatload merge reports/part-*.json -o reports/run.json && chatload report reports/run.json

Exit codes: 0 written, 2 invalid input (missing file, not a results file, unknown schema
version, files of different runs, not exactly the segments of one run, -o naming an input).`,
    )
    .action(
      context.action(async (files: string[], options: MergeOptions) =>
        runMerge(context.io, files, options),
      ),
    );
};

export async function runMerge(
  io: Io,
  files: readonly string[],
  options: MergeOptions,
): Promise<number> {
  if (files.length < 2) {
    throw new InputError('RESULTS', `merge needs two or more results files (got ${files.length})`);
  }
  refuseOverwritingAnInput(files, options.output);
  const named = [];
  for (const path of files) named.push({ path, results: await readResults(path) });
  const merged = mergeResults(named);
  await writeResults(options.output, merged, '-o');
  const total = Object.values(merged.ops).reduce((sum, op) => sum + (op?.count ?? 0), 0);
  io.out(
    `merged ${files.length} files into ${options.output}: ${formatCount(total)} transactions over ` +
      `${formatDuration(merged.run.durationS * 1000)}, status ${merged.run.status}`,
  );
  return ExitCode.ok;
}

/** The file behind a path: its device and inode when it exists, else its absolute path. */
function identity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    // Not there (or not reachable): it is no input, and writing it reports its own error.
    return resolve(path);
  }
}

/** Refuses an output that is one of the inputs (by any path to it): the input would be lost. */
function refuseOverwritingAnInput(files: readonly string[], output: string): void {
  const target = identity(output);
  const input = files.find((file) => identity(file) === target);
  if (input !== undefined) {
    throw new InputError(
      '-o',
      `${output} is the input ${input}: merging into it would overwrite a segment's results`,
      { hint: 'Write the merged file to a new path.' },
    );
  }
}
