// Where the host's log lines go: stdout, written by this thread in order (sonic-boom in sync
// mode, as process.stdout is), but a few lines per write instead of one write per line. At
// about 300 bytes a line and three lines a request, one write(2) per line cost more CPU than the
// pre-check itself (profile in docs/host.md, "The cost of a check inside the server"). Lines are
// buffered up to BUFFER bytes and for at most FLUSH_MS, and flushed when the process exits, so
// none is lost and their order stays that of the calls (a pipe takes writes of up to 4 KiB whole,
// so workers sharing it do not interleave within a line).
import pino from "pino";

const BUFFER = 2048;
const FLUSH_MS = 100;

/** A pino destination on stdout, buffered as above and flushed at exit. */
export function logDestination() {
  const destination = pino.destination({ dest: 1, sync: true, minLength: BUFFER, periodicFlush: FLUSH_MS });
  process.on("exit", () => destination.flushSync());
  return destination;
}
