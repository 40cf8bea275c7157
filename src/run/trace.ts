/**
 * `--trace FILE`: the SIP text of every transaction sent to the pool, in dispatch order, as one
 * request after another (the format of a SIP capture's requests). Encoding happens before the
 * batch's buffers move to a worker.
 *
 * The trace is a by-product of the run: once writing it fails (disk full, a path that cannot be
 * opened), the writer stops encoding and the run goes on; `close()` reports the failure instead
 * of throwing, so the measurements are never lost to it.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { ChatloadError, messageOf } from '../core/errors.js';
import { SipEncoder } from '../sip/encode.js';
import type { Naming, TxBatch } from '../workload/types.js';

function traceError(path: string, error: unknown): ChatloadError {
  return new ChatloadError('E_OUTPUT', `cannot write the SIP trace ${path}: ${messageOf(error)}`, {
    cause: error,
    hint: 'Free some space or choose a writable path for --trace.',
  });
}

export class TraceWriter {
  private readonly stream: WriteStream;
  private readonly encoder: SipEncoder;
  private failure: unknown = null;

  /**
   * Creates the file's directory and opens it; throws an E_OUTPUT error when that fails.
   * `runEpochMs` is read when batches are written: the run clock starts after the file opens.
   */
  constructor(
    readonly path: string,
    naming: Naming,
    private readonly runEpochMs: () => number,
  ) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw traceError(path, error);
    }
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure ??= error));
    this.encoder = new SipEncoder(naming);
  }

  write(batch: TxBatch): void {
    if (this.failure !== null) return;
    const options = { runEpochMs: this.runEpochMs() };
    let text = '';
    for (let i = 0; i < batch.count; i++) text += this.encoder.encode(batch, i, options);
    this.stream.write(text);
  }

  /** Ends the file; resolves with the first write failure (as an E_OUTPUT error), or null. */
  async close(): Promise<ChatloadError | null> {
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (error) {
      this.failure ??= error;
    }
    return this.failure === null ? null : traceError(this.path, this.failure);
  }
}
