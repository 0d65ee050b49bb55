// Marginalia's analysis worker: loads the page's own wasm module (fetched once, shared with the page) and
// analyzes long texts off the main thread, sending each analysis back as bytes.
import init, { analyze_in_worker } from './app.js';

const ready = init({ module_or_path: './app_bg.wasm' });

self.onmessage = async (event) => {
  try {
    await ready;
    const started = performance.now();
    const bytes = analyze_in_worker(
      event.data.text, event.data.summarySentences, event.data.anchor, event.data.furniture ?? new Uint32Array());
    const ms = performance.now() - started;
    self.postMessage({ bytes, ms }, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
