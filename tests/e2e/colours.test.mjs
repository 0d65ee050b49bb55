// Colours: static/style.css is parsed (no browser) and its highlight palette checked in both themes.
// - Text over every highlight meets 4.5:1 (the page's text colour, which dimmed furniture's highlights
//   keep too, and the type code drawn beside each highlight).
// - The highlight colours stay apart: the CIELAB distance (CIE76 ΔE) of every pair of types, and of each
//   type from the panel it sits on (≥ 10, ≥ 5 simulated), under normal vision and under protanopia, deuteranopia and
//   tritanopia simulated with the matrices of Machado, Oliveira and Fernandes (2009, severity 1, applied to
//   linear RGB). The four name types, dates and quotes must differ clearly (ΔE ≥ 10, ≥ 5 simulated);
//   the other types at least 9.5 and 4.5, with their code beside the highlight.
// - The focus ring (`--accent`) meets 3:1 against the backgrounds it is drawn on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../static/style.css', import.meta.url), 'utf8');
const THEMES = ['light', 'dark'];
const TYPES = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'CARDINAL', 'ORDINAL', 'QUOTE'];
const CORE = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'QUOTE'];

/** The `light-dark()` variables of :root: name → [light, dark], each as [r, g, b] in 0..1. */
function palette() {
  const vars = {};
  for (const m of css.matchAll(/--([\w-]+):\s*light-dark\(\s*(#[0-9a-fA-F]{3,6})\s*,\s*(#[0-9a-fA-F]{3,6})\s*\)/g)) {
    vars[m[1]] = [rgb(m[2]), rgb(m[3])];
  }
  return vars;
}
function rgb(hex) {
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
}
const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const encode = (c) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
const luminance = (c) => { const [r, g, b] = c.map(linear); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
const MACHADO = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
function simulate(c, m) {
  const l = c.map(linear);
  return m.map((row) => encode(Math.min(1, Math.max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2]))));
}
function lab(c) {
  const [r, g, b] = c.map(linear);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
export function deltaE(a, b) {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const vars = palette();
const VISIONS = [['normal vision', null], ...Object.entries(MACHADO)];

test('every highlight type has a colour for each theme', () => {
  for (const t of [...TYPES, 'fg', 'ink-soft', 'panel', 'bg', 'accent']) assert.ok(vars[t], `--${t} is a light-dark() pair`);
});

for (const [ti, theme] of THEMES.entries()) {
  test(`text over every highlight meets 4.5:1 in the ${theme} theme`, () => {
    const low = [];
    for (const t of TYPES) {
      for (const ink of ['fg', 'ink-soft']) {
        const ratio = contrast(vars[t][ti], vars[ink][ti]);
        if (ratio < 4.5) low.push(`--${ink} on --${t}: ${ratio.toFixed(2)}`);
      }
    }
    assert.deepEqual(low, []);
  });

  test(`highlight colours stay apart for every colour vision in the ${theme} theme`, () => {
    const low = [];
    for (const [vision, m] of VISIONS) {
      const seen = (t) => (m ? simulate(vars[t][ti], m) : vars[t][ti]);
      for (let i = 0; i < TYPES.length; i++) {
        for (let j = i + 1; j < TYPES.length; j++) {
          const [a, b] = [TYPES[i], TYPES[j]];
          const core = CORE.includes(a) && CORE.includes(b);
          const min = m ? (core ? 5 : 4.5) : (core ? 10 : 9.5);
          const d = deltaE(seen(a), seen(b));
          if (d < min) low.push(`${vision}: ${a}/${b} ΔE ${d.toFixed(1)} < ${min}`);
        }
      }
      for (const t of TYPES) {
        const d = deltaE(seen(t), m ? simulate(vars.panel[ti], m) : vars.panel[ti]);
        const min = m ? 5 : 10;
        if (d < min) low.push(`${vision}: ${t} on the panel ΔE ${d.toFixed(1)} < ${min}`);
      }
    }
    assert.deepEqual(low, []);
  });

  test(`the focus ring meets 3:1 against what it is drawn on in the ${theme} theme`, () => {
    const low = [];
    for (const bg of ['bg', 'panel', 'button', 'row-selected', 'row-hover', ...TYPES]) {
      const ratio = contrast(vars.accent[ti], vars[bg][ti]);
      if (ratio < 3) low.push(`--accent on --${bg}: ${ratio.toFixed(2)}`);
    }
    assert.deepEqual(low, []);
  });
}

test('the checks catch a palette that breaks them', () => {
  // Known values: black on white is 21:1; the first palette's light ORG and MISC were 1.7 apart under
  // protanopia.
  assert.equal(contrast([0, 0, 0], [1, 1, 1]).toFixed(0), '21');
  assert.ok(deltaE(simulate(rgb('#c9e4ff'), MACHADO.protanopia), simulate(rgb('#eadcff'), MACHADO.protanopia)) < 2);
});
