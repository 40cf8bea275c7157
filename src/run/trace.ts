/**
 * `--trace FILE`: the SIP text of every transaction sent to the pool, in dispatch order, as one
 * request after another (the format of a SIP capture's requests). Encoding happens before the
 * batch's buffers move to a worker.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { SipEncoder } from '../sip/encode.js';
import type { Naming, TxBatch } from '../workload/types.js';

export class TraceWriter {
  private readonly stream: WriteStream;
  private readonly encoder: SipEncoder;
  private failure: Error | null = null;
  written = 0;

  constructor(
    path: string,
    naming: Naming,
    private readonly runEpochMs: number,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure ??= error));
    this.encoder = new SipEncoder(naming);
  }

  write(batch: TxBatch): void {
    const options = { runEpochMs: this.runEpochMs };
    let text = '';
    for (let i = 0; i < batch.count; i++) text += this.encoder.encode(batch, i, options);
    this.written += batch.count;
    this.stream.write(text);
  }

  /** Ends the file; rejects with the first write error, if any. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.end(() => (this.failure === null ? resolve() : reject(this.failure)));
    });
  }
}
