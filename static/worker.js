// Marginalia's analysis worker: runs the page's own wasm module and analyzes long texts off the main
// thread, sending each analysis back as bytes. The page's first message is its compiled module, so the
// module is neither downloaded nor compiled a second time (and the two threads share its compiled code);
// a worker told nothing first (or unable to run what it was sent) loads it by name.
import init, { analyze_in_worker, warm_up_worker } from './app.js';

let ready = null;
const load = (module) => {
  const byName = () => init({ module_or_path: './app_bg.wasm' });
  ready ??= module ? init({ module_or_path: module }).catch(byName) : byName();
  return ready;
};

self.onmessage = async (event) => {
  try {
    if (event.data.module) { load(event.data.module); return; }
    await load();
    // The page asks once, soon after it starts: the names model loaded, the analysis compiled and optimized.
    if (event.data.warmUp) { warm_up_worker(); return; }
    const started = performance.now();
    const bytes = analyze_in_worker(
      event.data.text, event.data.summarySentences, event.data.anchor, event.data.furniture ?? new Uint32Array());
    const ms = performance.now() - started;
    self.postMessage({ bytes, ms }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
