package io.hakeeper.common.config.syntax;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Expands an include pattern like glob(3): wildcards may appear in any path component. */
final class IncludeGlob {

    private IncludeGlob() {
    }

    /** Matching regular files, sorted; {@code pattern} is relative to {@code base} unless absolute. */
    static List<Path> expand(Path base, String pattern) throws IOException {
        Path p = base.resolve(pattern).normalize();
        List<Path> current = List.of(p.getRoot() == null ? Path.of("") : p.getRoot());
        for (Path part : p) {
            String name = part.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(name)) {
                    Path candidate = dir.resolve(name);
                    if (Files.exists(candidate)) {
                        next.add(candidate);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path e : entries) {
                        if (matcher.matches(e.getFileName())) {
                            next.add(e);
                        }
                    }
                }
            }
            next.sort(null);
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).toList();
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }
}
