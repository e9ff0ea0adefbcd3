// The page's script for esbuild's other documented way (README, Bundlers): esbuild emits the .wasm
// file (--loader:.wasm=file) and init() is given its address; then the same program runs.
import init from "aps-migratable";
import wasmUrl from "aps-migratable/web/aps_migratable_bg.wasm";
import { run } from "./app.js";

const out = document.getElementById("result");
init({ module_or_path: new URL(wasmUrl, import.meta.url) })
  .then(run)
  .then(
    (result) => {
      out.textContent = JSON.stringify(result);
      document.body.dataset.state = "done";
    },
    (error) => {
      out.textContent = JSON.stringify({ failed: { name: error?.name, code: error?.code, message: String(error?.message) } });
      document.body.dataset.state = "failed";
    },
  );
