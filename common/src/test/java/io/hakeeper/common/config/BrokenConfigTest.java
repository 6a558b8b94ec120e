package io.hakeeper.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken configs. Each case pins down every diagnostic it produces: the exact
 * {@code line:col} and the exact message, because the message is the operator's fix.
 */
class BrokenConfigTest {

    private static Arguments broken(String name, String text, String... expected) {
        return Arguments.of(name, text, List.of(expected));
    }

    static Stream<Arguments> corpus() {
        String zk = "zookeeper {\n    connect 127.0.0.1:2181\n}\n";
        return Stream.of(
                broken("misspelt keyword", """
                        vrrp_instance VI_1 {
                            interface eth0
                            virtual_router_id 51
                            priorty 100
                        }
                        """ + zk,
                        "4:5: unknown keyword 'priorty' in vrrp_instance (did you mean 'priority'?)",
                        "1:15: warning: vrrp_instance 'VI_1' has no virtual_ipaddress; it will hold nothing"),
                broken("keyword in the wrong block", """
                        track_script {
                            chk_nginx
                        }
                        """ + Configs.INSTANCE,
                        "1:1: 'track_script' is not allowed at top level; it belongs in vrrp_instance or"
                                + " vrrp_sync_group, move it there"),
                broken("nice value out of range", "global_defs {\n    vrrp_priority -21\n}\n" + Configs.INSTANCE,
                        "2:19: 'vrrp_priority' -21 is out of range; use an integer from -20 to 19"),
                broken("misspelt top-level block", "vrrp_instnace VI_1 {\n}\n" + Configs.INSTANCE,
                        "1:1: unknown keyword 'vrrp_instnace' at top level (did you mean 'vrrp_instance'?)"),
                broken("missing argument", """
                        vrrp_instance VI_1 {
                            interface eth0
                            virtual_router_id 51
                            priority
                            virtual_ipaddress {
                                10.0.0.3
                            }
                        }
                        """ + zk,
                        "4:5: 'priority' is missing its argument; write 'priority 1-255'"),
                broken("extra argument", """
                        vrrp_instance VI_1 {
                            interface eth0
                            virtual_router_id 51 52
                            virtual_ipaddress {
                                10.0.0.3
                            }
                        }
                        """ + zk,
                        "1:15: vrrp_instance 'VI_1' has no virtual_router_id; add 'virtual_router_id N' (1-255,"
                                + " the same on every node of the instance)",
                        "3:26: unexpected '52' after 'virtual_router_id': it takes at most 1 argument;"
                                + " write 'virtual_router_id 1-255'"),
                broken("unclosed block", """
                        zookeeper {
                            connect 127.0.0.1:2181
                        }
                        vrrp_instance VI_1 {
                            interface eth0
                            virtual_router_id 51
                            virtual_ipaddress {
                                10.0.0.3
                        }
                        """,
                        "4:20: this '{' is never closed; add a matching '}'"),
                broken("extra closing brace", Configs.INSTANCE + "}\n",
                        "12:1: unexpected '}' with no open block; remove it"),
                broken("C++ comment", "// primary director\n" + Configs.INSTANCE,
                        "1:1: '//' does not start a comment here; comments start with '#' or '!'"),
                broken("C comment after a value", Configs.INSTANCE.replace("priority 100", "priority 100 /* high */"),
                        "4:18: '/*' does not start a comment here; comments start with '#' or '!'"),
                broken("VRID out of range", Configs.INSTANCE.replace("virtual_router_id 51", "virtual_router_id 256"),
                        "3:23: 'virtual_router_id' 256 is out of range; use an integer from 1 to 255"),
                broken("priority not a number", Configs.INSTANCE.replace("priority 100", "priority high"),
                        "4:14: invalid number 'high' for 'priority'; expected an integer from 1 to 255"),
                broken("bad virtual IP", Configs.INSTANCE.replace("10.0.0.3", "10.0.0.300"),
                        "6:9: invalid virtual IP address '10.0.0.300'; write an address such as 10.0.0.3/24"
                                + " or 2001:db8::3/64"),
                broken("prefix too long", Configs.INSTANCE.replace("10.0.0.3", "10.0.0.3/33"),
                        "6:9: prefix length /33 is too long for IPv4; use at most /32"),
                broken("unknown VIP option", Configs.INSTANCE.replace("10.0.0.3", "10.0.0.3 device eth0"),
                        "6:18: unknown virtual_ipaddress option 'device'; use dev, label, brd or scope"),
                broken("undefined track_script", """
                        vrrp_script chk_nginx {
                            script "/usr/bin/pgrep nginx"
                        }
                        """ + Configs.INSTANCE.replace("priority 100", "priority 100\n    track_script {\n        chk_ngnix\n    }"),
                        "9:9: track_script 'chk_ngnix' is not defined (did you mean 'chk_nginx'?)"),
                broken("duplicate VRID on one interface", Configs.INSTANCE + """
                        vrrp_instance VI_2 {
                            interface eth0
                            virtual_router_id 51
                            virtual_ipaddress {
                                10.0.0.4
                            }
                        }
                        """,
                        "14:23: virtual_router_id 51 is already used on eth0 by vrrp_instance 'VI_1' (line 1);"
                                + " give each instance on an interface its own VRID"),
                broken("same VIP in two instances", Configs.INSTANCE + """
                        vrrp_instance VI_2 {
                            interface eth0
                            virtual_router_id 52
                            virtual_ipaddress {
                                10.0.0.3
                            }
                        }
                        """,
                        "16:9: 10.0.0.3 is already a virtual IP of vrrp_instance 'VI_1'; a VIP belongs to one instance"),
                broken("mixed address families", Configs.INSTANCE.replace("10.0.0.3", "10.0.0.3\n        2001:db8::3"),
                        "7:9: vrrp_instance 'VI_1' mixes IPv4 and IPv6 in virtual_ipaddress; VRRP carries one family"
                                + " per instance, move 2001:db8::3 to virtual_ipaddress_excluded or to another instance"),
                broken("value keyword given a block", Configs.INSTANCE.replace("priority 100", "priority 100 { }"),
                        "4:5: 'priority' does not open a block in vrrp_instance; remove the '{ ... }'"),
                broken("block keyword without its block", Configs.INSTANCE.replace("priority 100", "authentication"),
                        "4:5: 'authentication' needs a block; write 'authentication { ... }'"),
                broken("unterminated quote", "vrrp_script chk {\n    script \"/bin/true\n}\n" + Configs.INSTANCE,
                        "2:12: unterminated quoted string; add the closing '\"' on the same line"),
                broken("unknown scheduler", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            lb_algo rrr
                            real_server 10.0.1.1 80
                        }
                        """,
                        "13:13: unknown value 'rrr' for 'lb_algo' (did you mean 'rr'?); use one of rr, wrr, lc, wlc,"
                                + " lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos"),
                broken("unknown forwarding method", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            lb_kind DRR
                            real_server 10.0.1.1 80
                        }
                        """,
                        "13:13: unknown value 'DRR' for 'lb_kind' (did you mean 'DR'?); use one of NAT, DR, TUN"),
                broken("duplicate real server", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            real_server 10.0.1.1 80
                            real_server 10.0.1.1 80 {
                                weight 2
                            }
                        }
                        """,
                        "14:17: real_server 10.0.1.1:80 is listed twice in virtual_server 10.0.0.3:80 (first at"
                                + " line 13); remove one"),
                broken("misspelt checker keyword", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            real_server 10.0.1.1 80 {
                                TCP_CHECK {
                                    connect_prot 80
                                }
                            }
                        }
                        """,
                        "15:13: unknown keyword 'connect_prot' in TCP_CHECK (did you mean 'connect_port'?)"),
                broken("real server without a port", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            real_server 10.0.1.1
                        }
                        """,
                        "13:5: 'real_server' is missing an argument; write 'real_server ADDRESS PORT'",
                        "12:1: warning: virtual_server 10.0.0.3:80 has no real_server and no sorry_server;"
                                + " it will drop every connection"),
                broken("obsolete and deprecated keywords warn", Configs.INSTANCE + """
                        virtual_server 10.0.0.3 80 {
                            nat_mask 255.255.255.0
                            real_server 10.0.1.1 80 {
                                TCP_CHECK {
                                    nb_get_retry 3
                                }
                            }
                        }
                        """,
                        "13:5: warning: 'nat_mask' is obsolete and ignored; remove it",
                        "16:13: warning: 'nb_get_retry' is deprecated; write 'retry' (same meaning)"),
                broken("unsafe fence budget", Configs.INSTANCE.replace("connect 127.0.0.1:2181",
                                "connect 127.0.0.1:2181\n    session_timeout 4000\n    tick_time 1500\n    session_timeout 3400"),
                        "13:5: warning: 'session_timeout' appears again in zookeeper (first at line 11); the last"
                                + " one wins, remove the other",
                        "13:21: the fence budget leaves a lease of 900 ms (session 3400 ms minus margin 2500 ms),"
                                + " below the 1 s minimum; raise session_timeout to at least 3500 or lower tick_time"),
                broken("bad ZooKeeper connect string", Configs.INSTANCE.replace("127.0.0.1:2181", "zk1:2181,:99999"),
                        "10:13: invalid ZooKeeper server ':99999' in connect; write host:port pairs separated by"
                                + " commas, such as 10.0.0.5:2181,10.0.0.6:2181"),
                broken("bad on_zk_loss", Configs.INSTANCE + "fence {\n    on_zk_loss keep\n}\n",
                        "13:16: unknown value 'keep' for 'on_zk_loss'; use one of release, hold"),
                broken("unknown sync group member", Configs.INSTANCE + """
                        vrrp_sync_group G1 {
                            group {
                                VI_1
                                VI_9
                            }
                        }
                        """,
                        "15:9: vrrp_sync_group 'G1' lists unknown vrrp_instance 'VI_9' (did you mean 'VI_1'?)"),
                broken("keepalived parameter definitions", "$IF=eth0\n" + Configs.INSTANCE,
                        "1:1: keepalived's '$' parameter/conditional syntax is not supported by hakeeper;"
                                + " write the expanded lines instead"),
                broken("IPv6 VIP forced to VRRPv2", Configs.INSTANCE.replace("10.0.0.3", "2001:db8::3/64")
                                .replace("priority 100", "priority 100\n    version 2"),
                        "5:13: vrrp_instance 'VI_1' has IPv6 virtual addresses, which VRRPv2 cannot carry; set 'version 3'")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsExactPlaceAndFix(String name, String text, List<String> expected) {
        ConfigLoader.Result r = Configs.check(text);
        assertEquals(expected.stream().sorted().toList(), Configs.lines(r).stream().sorted().toList());
        if (expected.stream().anyMatch(e -> !e.contains("warning:"))) {
            assertFalse(r.ok(), "a config with errors yields no model");
        }
    }
}
