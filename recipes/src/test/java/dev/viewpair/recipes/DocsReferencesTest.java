package dev.viewpair.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No stale references: every relative link of the README and docs/ names a file of the repository, every anchor
 * ({@code file.md#heading}, {@code #heading}) a heading of its file, and every {@code .md} file the start scripts'
 * comments (the launcher's and the release's) point at exists.
 */
class DocsReferencesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A Markdown link's target (a path, an anchor, or both), without a title. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)[^)]*\\)");
    /** A Markdown file named in text: docs/devices.md, README.md. */
    private static final Pattern MD_FILE = Pattern.compile("[A-Za-z0-9_./-]+\\.md\\b");
    /** An ATX heading: its text. */
    private static final Pattern HEADING = Pattern.compile("#{1,6} +(.+?)[ #]*");

    @Test
    void everyRelativeLinkOfTheDocsNamesAFileAndEveryAnchorAHeading() throws IOException {
        var missing = new ArrayList<String>();
        for (var doc : docs()) {
            var m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                var target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                int hash = target.indexOf('#');
                var path = hash < 0 ? target : target.substring(0, hash);
                var file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                if (!Files.exists(file)) {
                    missing.add(ROOT.relativize(doc) + " → " + target);
                } else if (hash >= 0 && file.toString().endsWith(".md") && !anchors(file).contains(target.substring(hash + 1))) {
                    missing.add(ROOT.relativize(doc) + " → " + target + " (no such heading in " + ROOT.relativize(file) + ")");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("overriding-a-recipes-values---set", slug("Overriding a recipe's values: `--set`"));
        assertEquals("resnet-torchvisions-resnet", slug("`resnet`: torchvision's ResNet"));
        assertEquals("summaryjson", slug("summary.json"));
        assertEquals("writing-shards-elsewhere-a-cluster-job", slug("Writing shards elsewhere (a cluster job)"));
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

    /** The anchors GitHub gives a Markdown file's headings (those outside code blocks); a repeated one gets -1, -2, …. */
    static Set<String> anchors(Path markdown) throws IOException {
        var anchors = new HashSet<String>();
        var seen = new HashMap<String, Integer>();
        boolean inCode = false;
        for (var line : Files.readAllLines(markdown)) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            var h = HEADING.matcher(line);
            if (!inCode && h.matches()) {
                var slug = slug(h.group(1));
                int before = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(before == 0 ? slug : slug + "-" + before);
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            var docs = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).toList());
            docs.add(ROOT.resolve("README.md"));
            return docs;
        }
    }
}
