// A Node worker thread running the page's program.
import { parentPort } from "node:worker_threads";
import { run } from "./app.js";

parentPort.postMessage(await run());
