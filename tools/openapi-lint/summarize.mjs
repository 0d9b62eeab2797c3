// Prints a linter's JSON report (Spectral's or Redocly's) as one line per problem, the count per rule, and
// "<tool>: N errors, N warnings". Exits 1 when the report has an error or cannot be read.
//   node summarize.mjs spectral|redocly REPORT.json
import { readFileSync } from "node:fs";

const [tool, file] = process.argv.slice(2);
const spectralSeverities = ["error", "warning", "info", "hint"];

function problems(report) {
  if (tool === "spectral") {
    return report.map((p) => ({
      severity: spectralSeverities[p.severity],
      rule: p.code,
      where: `line ${p.range.start.line + 1} ${p.path.join(".")}`,
      message: p.message,
    }));
  }
  return report.problems.map((p) => ({
    severity: p.severity === "warn" ? "warning" : p.severity,
    rule: p.ruleId,
    where: `line ${p.location[0]?.start?.line ?? "?"} ${p.location[0]?.pointer ?? ""}`,
    message: p.message,
  }));
}

let found;
try {
  found = problems(JSON.parse(readFileSync(file, "utf8")));
} catch (error) {
  console.error(`${tool}: no readable report (${error.message})`);
  process.exit(1);
}

for (const p of found) console.log(`  ${p.severity.padEnd(7)} ${p.rule}  ${p.where}  ${p.message}`);
const perRule = new Map();
for (const p of found) {
  const key = `${p.severity} ${p.rule}`;
  perRule.set(key, (perRule.get(key) ?? 0) + 1);
}
for (const [key, count] of [...perRule].sort()) console.log(`  ${String(count).padStart(4)}  ${key}`);
const count = (severity) => found.filter((p) => p.severity === severity).length;
console.log(`${tool}: ${count("error")} errors, ${count("warning")} warnings`);
process.exit(count("error") > 0 ? 1 : 0);
