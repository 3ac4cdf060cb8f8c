// Collects what a build writes: every file goes through the atomic writer, is counted, and a
// failed write is recorded without stopping the other outputs.
import { writeOutput } from '../write/files.ts';

export interface OutputRecord {
  path: string;
  bytes: number;
}

export class Outputs {
  readonly written: OutputRecord[] = [];
  readonly failed: Array<{ path: string; error: string }> = [];
  rendered = 0;
  fromCache = 0;
  readonly outDir: string;
  constructor(outDir: string) {
    this.outDir = outDir;
  }

  async write(rel: string, data: string | Uint8Array): Promise<boolean> {
    try {
      await writeOutput(this.outDir, rel, data);
      this.written.push({ path: rel, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
      return true;
    } catch (err) {
      this.failed.push({ path: rel, error: err instanceof Error ? err.message : String(err) });
      return false;
    }
  }

  countRender(cached: boolean): void {
    if (cached) this.fromCache++;
    else this.rendered++;
  }
}
