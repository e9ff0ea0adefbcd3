// APS_WORKERS above 1: this process forks that many workers with node:cluster, each a whole host
// (its own module instance, policy and sources) on the one port the primary holds. SIGTERM or
// SIGINT is passed to every worker, each finishes its requests in flight (server.js), and the
// primary exits once all have: 0 when every worker did.
import cluster from "node:cluster";

const say = (message) => process.stderr.write(`aps-migratable host: ${message}\n`);

export function runPrimary(workers) {
  const alive = new Set();
  let listening = 0;
  let stopping = false;
  let exitCode = 0;

  const stop = (signal, code = 0) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    for (const worker of alive) worker.process.kill(signal);
  };

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.on("listening", () => {
      worker.listened = true;
      if (++listening === workers) say(`${workers} workers listening`);
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker);
    if (stopping) {
      exitCode = Math.max(exitCode, code ?? 1);
      if (alive.size === 0) process.exit(exitCode);
      return;
    }
    if (!worker.listened) {
      // It could not start (its message is on stderr): the others would fail alike.
      say(`worker ${worker.process.pid} exited with ${code ?? signal} before listening; stopping`);
      stop("SIGTERM", 1);
      if (alive.size === 0) process.exit(exitCode);
      return;
    }
    say(`worker ${worker.process.pid} ended (${code ?? signal}); starting another`);
    fork();
  });

  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let i = 0; i < workers; i++) fork();
}
