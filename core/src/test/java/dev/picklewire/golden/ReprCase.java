package dev.picklewire.golden;

/**
 * One record of {@code golden/repr_cases.txt}: a Python literal expression ({@code ast.literal_eval}-able) with
 * what CPython's {@code repr} and {@code pprint.pformat(width=80)} print for its value. Immutable.
 *
 * @param expr    Python source, e.g. {@code {1: 'hi', 2: 'there'}}
 * @param repr    {@code repr(ast.literal_eval(expr))}
 * @param pformat {@code pprint.pformat(ast.literal_eval(expr), width=80)} (dict keys and set items sorted,
 *                lines joined with {@code '\n'})
 */
public record ReprCase(String expr, String repr, String pformat) {
    @Override
    public String toString() {
        return expr.length() <= 60 ? expr : expr.substring(0, 57) + "...";
    }
}
