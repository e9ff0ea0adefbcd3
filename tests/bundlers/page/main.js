// The page's script: runs the program and shows its answers (data-state tells the test it is done).
import { run } from "./app.js";

const out = document.getElementById("result");
run().then(
  (result) => {
    out.textContent = JSON.stringify(result);
    document.body.dataset.state = "done";
  },
  (error) => {
    out.textContent = JSON.stringify({ failed: { name: error?.name, code: error?.code, message: String(error?.message) } });
    document.body.dataset.state = "failed";
  },
);
