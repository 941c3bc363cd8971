// For tests/site/test_zip_entry.py: what docs/javascripts/followup/zip-entry.mjs reads.
// Reads {"archives": {label: base64}, "lookups": [[label, name], ...]} on stdin; prints a
// list with each file's bytes in base64, or null.
import fs from "node:fs";
import { readZipEntry } from "../../docs/javascripts/followup/zip-entry.mjs";

const spec = JSON.parse(fs.readFileSync(0, "utf8"));
const archives = Object.fromEntries(
  Object.entries(spec.archives).map(([label, text]) => [label, new Uint8Array(Buffer.from(text, "base64"))]),
);
const found = [];
for (const [label, name] of spec.lookups) {
  const bytes = await readZipEntry(archives[label], name);
  found.push(bytes === null ? null : Buffer.from(bytes).toString("base64"));
}
process.stdout.write(JSON.stringify(found));
