package dev.picklewire.internal.repr;

import java.util.ArrayList;
import java.util.List;

/** Python's str.splitlines(keepends=True) and pprint's {@code re.findall(r'\S*\s*', line)}, on code points. */
final class TextSplit {
    private TextSplit() {
    }

    /** str.isspace() in Python 3.11 (Unicode White_Space plus the ASCII separators 0x1c-0x1f). */
    static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    /** str.splitlines's line boundaries. */
    private static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0b || cp == 0x0c || cp == 0x1c || cp == 0x1d || cp == 0x1e
                || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    static List<String> splitLinesKeepEnds(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isLineBreak(cp)) {
                if (cp == '\r' && i < s.length() && s.charAt(i) == '\n') {
                    i++;
                }
                lines.add(s.substring(start, i));
                start = i;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    /** The non-empty matches of {@code \S*\s*}: each run of non-space followed by its run of space. */
    static List<String> wordsWithTrailingSpace(String line) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int start = i;
            while (i < line.length() && !isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            while (i < line.length() && isSpace(line.codePointAt(i))) {
                i += Character.charCount(line.codePointAt(i));
            }
            parts.add(line.substring(start, i));
        }
        return parts;
    }
}
