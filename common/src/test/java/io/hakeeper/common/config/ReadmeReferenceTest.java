package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hakeeper.common.config.grammar.BlockSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's config reference names every keyword the grammar accepts: it cannot fall behind. */
class ReadmeReferenceTest {

    @Test
    void readmeNamesEveryKeyword() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> missing = new ArrayList<>();
        for (BlockSpec<?> spec : TopGrammar.ALL) {
            for (String keyword : spec.keywords().keySet()) {
                if (!readme.contains("`" + keyword) && !readme.contains(" " + keyword + " ")
                        && !readme.contains(" " + keyword + "`") && !readme.contains("`" + keyword + "`")) {
                    missing.add(spec.name() + " " + keyword);
                }
            }
        }
        assertTrue(missing.isEmpty(), "README.md's config reference lacks: " + missing);
    }
}
