package dev.viewpair.datasets.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV text into records: fields separated by commas, records by LF or CRLF; a field in
 * double quotes may hold commas, line breaks and doubled quotes ({@code ""}). Blank lines are skipped and a
 * leading byte-order mark is ignored. Problems are reported with the line they are on.
 */
final class CsvReader {
    /** One record and the line it starts on (a quoted field may carry it over several lines). */
    record Record(long line, List<String> fields) {}

    private final String file;
    private final String text;
    private int at;
    private long line = 1;

    private CsvReader(String file, String text) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The records of {@code text}, which was read from {@code file} (named in errors). */
    static List<Record> parse(String file, String text) {
        return new CsvReader(file, text).records();
    }

    private List<Record> records() {
        var records = new ArrayList<Record>();
        while (at < text.length()) {
            long start = line;
            var fields = new ArrayList<String>();
            boolean quoted;
            boolean more;
            do {
                quoted = at < text.length() && text.charAt(at) == '"';
                fields.add(quoted ? quotedField() : plainField());
                more = at < text.length() && text.charAt(at) == ',';
                if (more) {
                    at++;
                }
            } while (more);
            endOfRecord();
            boolean blankLine = fields.size() == 1 && fields.get(0).isEmpty() && !quoted;
            if (!blankLine) {
                records.add(new Record(start, List.copyOf(fields)));
            }
        }
        return records;
    }

    private String plainField() {
        int start = at;
        while (at < text.length() && !atFieldEnd()) {
            if (text.charAt(at) == '"') {
                throw new ManifestException(file, line, "a quote inside an unquoted field; enclose the whole field "
                        + "in double quotes and write each quote in it twice (\"\")");
            }
            at++;
        }
        return text.substring(start, at);
    }

    private String quotedField() {
        long opened = line;
        at++;
        var value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw new ManifestException(file, opened, "a quoted field is never closed; add the closing double quote");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                if (at < text.length() && text.charAt(at) == '"') {
                    value.append('"');
                    at++;
                } else {
                    break;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                value.append(c);
            }
        }
        if (at < text.length() && !atFieldEnd()) {
            throw new ManifestException(file, line, "unexpected text after a closing quote; a quoted field must end "
                    + "at a comma or the end of the line");
        }
        return value.toString();
    }

    private boolean atFieldEnd() {
        char c = text.charAt(at);
        return c == ',' || c == '\n' || (c == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n');
    }

    private void endOfRecord() {
        if (at < text.length() && text.charAt(at) == '\r') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '\n') {
            at++;
            line++;
        }
    }
}
