package io.hakeeper.common.config.syntax;

import io.hakeeper.common.config.SourcePos;
import java.util.List;

/**
 * One line of keepalived.conf: a keyword, its arguments and, when the line opens one, a block of
 * nested statements. {@code block} is null when the line has no block (an empty block is an empty
 * list). Lines inside list blocks such as {@code virtual_ipaddress} are statements too: their
 * "keyword" is the first word (an address, a script name).
 */
public record Statement(Token keyword, List<Token> args, List<Statement> block) {

    public Statement {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    public String name() {
        return keyword.text();
    }

    public SourcePos pos() {
        return keyword.pos();
    }

    public boolean hasBlock() {
        return block != null;
    }
}
