package dev.viewpair.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No stale references: every relative link of the README and docs/ names a file of the repository, and so does every
 * {@code .md} file the start scripts' comments (the launcher's and the release's) point at.
 */
class DocsReferencesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A Markdown link's target, up to a '#' or ')'. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)");
    /** A Markdown file named in text: docs/devices.md, README.md. */
    private static final Pattern MD_FILE = Pattern.compile("[A-Za-z0-9_./-]+\\.md\\b");

    @Test
    void everyRelativeLinkOfTheDocsNamesAFile() throws IOException {
        var missing = new ArrayList<String>();
        for (var doc : docs()) {
            var m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                var target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                if (!Files.exists(doc.getParent().resolve(target))) {
                    missing.add(ROOT.relativize(doc) + " → " + target);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyMarkdownFileTheLaunchersNameExists() throws IOException {
        int named = 0;
        for (var script : List.of("viewpair", "dist/src/bin/viewpair-java.sh", "dist/src/bin/viewpair", "dist/src/root/viewpair")) {
            var m = MD_FILE.matcher(Files.readString(ROOT.resolve(script)));
            while (m.find()) {
                named++;
                assertTrue(Files.isRegularFile(ROOT.resolve(m.group())), script + " names " + m.group() + ", which is not in the repository");
            }
        }
        assertTrue(named > 0, "the launchers point at the docs for their settings");
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            var docs = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).toList());
            docs.add(ROOT.resolve("README.md"));
            return docs;
        }
    }
}
