// Node, ES module: the page's program in a fresh process.
import { run } from "./app.js";

process.stdout.write(JSON.stringify(await run()));
