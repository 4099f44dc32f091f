import { createServer } from "node:http";
import { createSchema, createYoga } from "graphql-yoga";
import { readFileSync } from "node:fs";
import { resolvers } from "./resolvers.js";

const typeDefs = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
const yoga = createYoga({ schema: createSchema({ typeDefs, resolvers }) });

createServer(yoga).listen(Number(process.env.PORT ?? 4000), () => {
  console.log("fleet-graph listening");
});
