// Bundle js/src into itu_nb/widgets/static/ (one ESM + one CSS file per widget).
// Each output starts with the sha256 of the sources, so a test can tell, without node,
// whether the committed bundles are up to date (tests/test_widgets.py).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as esbuild from "esbuild";

const here = new URL(".", import.meta.url).pathname;
const src = join(here, "src");
const out = join(here, "..", "itu_nb", "widgets", "static");
const WIDGETS = { redline: ["theme.css", "redline.css", "editor.css"], tree: ["theme.css", "tree.css"] };

function files(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

/** sha256 over "path\0content\0" of every source file, sorted by path (same as the Python test). */
export function sourceHash() {
  const h = createHash("sha256");
  for (const f of files(src).map((f) => relative(src, f).split("\\").join("/")).sort()) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(src, f)));
    h.update("\0");
  }
  return h.digest("hex");
}

async function build() {
  const banner = `/* itu_nb widgets, built from js/src by js/build.mjs; sources-sha256: ${sourceHash()} */`;
  for (const [name, css] of Object.entries(WIDGETS)) {
    await esbuild.build({
      entryPoints: [join(src, name, "index.js")], bundle: true, format: "esm", target: "es2020",
      outfile: join(out, `${name}.js`), banner: { js: banner }, legalComments: "none", logLevel: "warning",
    });
    writeFileSync(join(out, `${name}.css`), `${banner}\n${css.map((f) => readFileSync(join(src, f), "utf8")).join("\n")}`);
  }
  console.log(`built ${Object.keys(WIDGETS).join(", ")} → ${relative(process.cwd(), out)}`);
}

await build();
if (process.argv.includes("--watch")) {
  const { watch } = await import("node:fs");
  watch(src, { recursive: true }, () => build().catch((e) => console.error(e.message)));
}
