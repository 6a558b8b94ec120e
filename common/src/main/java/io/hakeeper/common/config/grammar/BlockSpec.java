package io.hakeeper.common.config.grammar;

import io.hakeeper.common.config.grammar.Keyword.Action;
import io.hakeeper.common.config.grammar.Keyword.BlockUse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of block accepts: its keywords, and for list blocks ({@code virtual_ipaddress},
 * {@code track_script}, ...) how to read a line that is an entry rather than a keyword.
 * Built once, fluently, by the grammar classes; {@code B} is the builder the block fills.
 */
public final class BlockSpec<B> {

    private final String name;
    private final String where;
    private final Map<String, Keyword<B>> keywords = new LinkedHashMap<>();
    private final Set<String> repeatable = new java.util.HashSet<>();
    private String entryUsage;
    private Action<B> entry;

    public BlockSpec(String name) {
        this(name, "in " + name);
    }

    /** {@code where} places a line in messages: "in vrrp_instance", "at top level". */
    public BlockSpec(String name, String where) {
        this.name = name;
        this.where = where;
    }

    public String where() {
        return where;
    }

    /** How messages name the block: "vrrp_instance", "top level". */
    public String name() {
        return name;
    }

    public Map<String, Keyword<B>> keywords() {
        return Collections.unmodifiableMap(keywords);
    }

    public Keyword<B> keyword(String word) {
        return keywords.get(word);
    }

    public boolean isRepeatable(String word) {
        return repeatable.contains(word);
    }

    /** A keyword without a block. */
    public BlockSpec<B> kw(String name, String usage, Action<B> action) {
        return add(new Keyword<>(name, usage, BlockUse.NONE, action, null));
    }

    /** A keyword that opens a block. */
    public BlockSpec<B> block(String name, String usage, Action<B> action) {
        return add(new Keyword<>(name, usage, BlockUse.REQUIRED, action, null));
    }

    /** A keyword that may appear many times ({@code real_server}, {@code url}). */
    public BlockSpec<B> many(String name, String usage, BlockUse block, Action<B> action) {
        repeatable.add(name);
        return add(new Keyword<>(name, usage, block, action, null));
    }

    /** Another spelling with the same meaning; {@code note} non-null warns (deprecated alias). */
    public BlockSpec<B> alias(String alias, String of, String note) {
        Keyword<B> k = keywords.get(of);
        if (repeatable.contains(of)) {
            repeatable.add(alias);
        }
        return add(new Keyword<>(alias, k.usage(), k.block(), k.action(), note));
    }

    /** A keyword keepalived knows that hakeeper accepts and ignores, with a warning saying why. */
    public BlockSpec<B> ignored(String name, String usage, BlockUse block, String why) {
        repeatable.add(name);
        return add(new Keyword<>(name, usage, block, (b, a) -> { }, why));
    }

    /** Lines that are not keywords are entries read by {@code action}; {@code usage} shows one. */
    public BlockSpec<B> entries(String usage, Action<B> action) {
        this.entryUsage = usage;
        this.entry = action;
        return this;
    }

    public Action<B> entry() {
        return entry;
    }

    public String entryUsage() {
        return entryUsage;
    }

    private BlockSpec<B> add(Keyword<B> k) {
        keywords.put(k.name(), k);
        return this;
    }
}
