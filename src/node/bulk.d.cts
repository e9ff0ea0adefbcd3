// validateStream and validateFile (Node's entries only; src/node/bulk.cjs).
import type { BatchOptions, BatchResult, ContractIdInput } from "./aps_migratable.js";

/** How far a stream or file validation has got: source bytes and lines (blank ones too) done. */
export interface StreamProgress {
  bytes: number;
  lines: number;
}

/** Options of validateStream and validateFile: validateMany's, and how to run. */
export interface StreamOptions extends BatchOptions {
  /**
   * Worker threads (default os.availableParallelism()); 1 validates in this thread. A pool is
   * started only for inputs of more than one chunk.
   */
  workers?: number;
  /** Bytes of whole lines per validateMany call (default 4 MiB). */
  chunkSize?: number;
  /** Aborting rejects the promise with an AbortError and stops reading. */
  signal?: AbortSignal;
  /** Called after each chunk, in input order. */
  onProgress?: (progress: StreamProgress) => void;
}

/**
 * Validates each line of NDJSON from `readable` (bytes, or strings taken as UTF-8) against
 * contract `id`, in chunks, with memory bounded whatever its size: the result of one validateMany
 * call on the whole input (which could be larger than validateMany takes).
 */
export function validateStream(
  id: ContractIdInput,
  readable: AsyncIterable<Uint8Array | string>,
  options?: StreamOptions | null,
): Promise<BatchResult>;

/** validateStream on the file at `path`. */
export function validateFile(id: ContractIdInput, path: string, options?: StreamOptions | null): Promise<BatchResult>;
