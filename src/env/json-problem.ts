import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";

/** Git's conflict markers, each at the start of a line: `<<<<<<< ours`, `=======`, `>>>>>>> theirs`. */
const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(?: |$)/m;

/** Line and column (1-based) of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/**
 * What is wrong with a JSON text that JSON.parse refused, as "<what> (line L, column C)". A merge left
 * half-resolved is named as such: "not JSON" would send the reader hunting for a typo. The position
 * comes from jsonc-parser (VS Code's JSON scanner) in strict mode, because V8's messages carry a
 * position only for some errors and only Node 22 turns it into a line.
 */
export function describeJsonProblem(text: string): string {
  const marker = CONFLICT_MARKER.exec(text);
  if (marker !== null) {
    return `Git conflict marker "${marker[1]}" (${lineAndColumn(text, marker.index)}): resolve the merge, then run the command again`;
  }
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return "not valid JSON";
  // "CommaExpected" -> "comma expected"
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `not valid JSON: ${what} (${lineAndColumn(text, first.offset)})`;
}
