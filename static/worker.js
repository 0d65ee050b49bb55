// Marginalia's analysis worker: loads the page's own wasm module (fetched once, shared with the page) and
// analyzes long texts off the main thread, sending each analysis back as bytes.
import init, { analyze_in_worker, warm_up_worker } from './app.js';

const ready = init({ module_or_path: './app_bg.wasm' });

self.onmessage = async (event) => {
  try {
    await ready;
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
