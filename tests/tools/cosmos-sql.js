// Runs Cosmos SQL with @zeit/cosmosdb-query, the query engine of @vercel/cosmosdb-server, for the
// Cosmos adapter's SQL-text tests (tests/LoftsDesArts.Infrastructure.Azure.Tests, CosmosSqlEngineTests).
// One request per stdin line: {"cases": [{"query", "parameters": [{name, value}], "documents": [...], "compositeIndexes": [[{path, order}]]}]}
// One answer per stdout line: [{"ids": ["buildingId/id", ...]} | {"values": [scalar, ...]} | {"error": "message"}], one per case, in order.
// The process serves requests until stdin closes.
"use strict";
const readline = require("readline");
const query = require("@zeit/cosmosdb-query").default;

function run(c) {
  try {
    const { result } = query(c.query).exec(c.documents, {
      parameters: c.parameters,
      compositeIndexes: c.compositeIndexes,
    });
    // SELECT VALUE queries (COUNT) answer scalars, not documents.
    if (result.some((d) => d === null || typeof d !== "object")) {
      return { values: result };
    }
    return { ids: result.map((d) => (d.buildingId === undefined ? d.id : `${d.buildingId}/${d.id}`)) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  if (line.trim() === "") {
    return;
  }
  const { cases } = JSON.parse(line);
  process.stdout.write(JSON.stringify(cases.map(run)) + "\n");
});
