// Stryker's ignorer for `npm run mutation` (stryker.config.json): code in the mutated files
// that is not the protocol's behaviour, so that its mutants would measure nothing the profile
// is meant to judge. Each ignored kind says why; docs/mutation.md lists them.
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

/** `this.NAME(...)` calls of impl/node.ts that only observe the protocol. */
const observers = {
  // Protocol events for `synod validate-trace`, judged by verify's trace-validation stage (a real TCP cluster), which is too slow per mutant.
  emit: "trace event for trace validation, not the protocol's behaviour",
  // The round-trip estimate sets backoff delays; lockstep drives timeouts itself, so timing is not observable there.
  sampleRoundTrip: "round-trip timing for backoff, not the protocol's behaviour",
};

const memberName = (callee) => (callee?.type === "MemberExpression" && callee.object.type === "ThisExpression" && callee.property.type === "Identifier" ? callee.property.name : null);

/** Why a statement is only an observer's call (`this.emit(...)`, `node.emit(...)`), or undefined. */
function observerCall(statement) {
  if (statement?.type === "BlockStatement" && statement.body.length === 1) return observerCall(statement.body[0]);
  if (statement?.type !== "ExpressionStatement" || statement.expression.type !== "CallExpression") return undefined;
  const callee = statement.expression.callee;
  const name = memberName(callee) ?? (callee.type === "MemberExpression" && callee.property.type === "Identifier" && callee.property.name === "emit" ? "emit" : null);
  return name && name in observers ? observers[name] : undefined;
}

/** The name of the function or class method `path` is in, with its class's name where it has one. */
function enclosing(path) {
  const fn = path.getFunctionParent();
  if (!fn) return undefined;
  if (fn.node.type === "FunctionDeclaration") return fn.node.id?.name;
  if (fn.node.type === "ClassMethod" && fn.node.key.type === "Identifier") return `${fn.parentPath.parentPath.node.id?.name}.${fn.node.kind === "get" ? "get " : ""}${fn.node.key.name}`;
  return undefined;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "synod-not-protocol", {
    shouldIgnore(path) {
      const node = path.node;
      const within = enclosing(path);
      // formatBallot's text for "no ballot", and for a ballot nobody owns (Paxos.tla's, which nothing mutated makes); where a ballot is a key, it is never null.
      if (within === "formatBallot" && path.isStringLiteral() && node.value === "none") return "the text for no ballot: report text";
      const unowned = (c) => c?.type === "ConditionalExpression" && c.test.type === "BinaryExpression" && c.test.right.type === "StringLiteral" && c.test.right.value === "";
      if (within === "formatBallot" && (path.key === "test" || path.key === "consequent") && unowned(path.parent)) return "the rendering of a ballot nobody owns: report text";
      // How many keys a snapshot holds: read only by the compaction's log line.
      if (within === "LiveState.get size" && path.isBlockStatement()) return "a count for the compaction's log line: report text";
      // Branch descriptions (steps' `branches`) are the text of coverage reports.
      if (path.isObjectProperty() && node.key.type === "Identifier" && node.key.name === "description") return "a branch's description: report text";
      // An error's message is text; that the error is thrown is mutated on the throw itself.
      if (path.isNewExpression() && node.callee.type === "Identifier" && node.callee.name.endsWith("Error")) return "an error's message: text";
      if (path.isExpressionStatement()) {
        const why = observerCall(node);
        if (why) return why;
      }
      // The guard of an observer's call only decides whether it observes (`if (value !== null) this.emit(...)`).
      if (path.isIfStatement() && node.alternate === null) {
        const why = observerCall(node.consequent);
        if (why) return `the guard of a ${why}`;
      }
      // `this.ballotStartedAt.set(...)` feeds the same round-trip estimate.
      if (path.isExpressionStatement() && node.expression.type === "CallExpression" && node.expression.callee.type === "MemberExpression" && memberName(node.expression.callee.object) === "ballotStartedAt") return observers.sampleRoundTrip;
      return undefined;
    },
  }),
];
