// Prints each failed test of the TRX reports in a directory with its message and captured output (bounded), so
// that a CI log, which shows only the end of the run, says what the failing test saw.
// Usage: node scripts/print-failures.mjs artifacts/test-results
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const directory = process.argv[2] ?? "artifacts/test-results";
const maxOutput = Number(process.env.VM_FAILURE_OUTPUT_CHARS ?? 6000);

const decode = (text) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&amp;/g, "&");

const element = (xml, name) => {
  const match = xml.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`));
  return match ? decode(match[1]).trim() : "";
};

const bounded = (text) => (text.length > maxOutput ? `... (${text.length - maxOutput} characters cut)\n${text.slice(-maxOutput)}` : text);

for (const file of readdirSync(directory).filter((name) => name.endsWith(".trx"))) {
  const xml = readFileSync(join(directory, file), "utf8");
  for (const result of xml.matchAll(/<UnitTestResult\b([^>]*)>([\s\S]*?)<\/UnitTestResult>/g)) {
    const [, attributes, body] = result;
    if (!/outcome="Failed"/.test(attributes)) {
      continue;
    }

    const name = decode(attributes.match(/testName="([^"]*)"/)?.[1] ?? "?");
    console.log(`\n===== FAILED: ${name}`);
    console.log(element(body, "Message"));
    const output = element(body, "StdOut");
    if (output) {
      console.log("----- output");
      console.log(bounded(output));
    }
  }
}
