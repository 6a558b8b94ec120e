package io.hakeeper.controller.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hakeeper.controller.HaCtlException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void connectStringsWithDefaultPortsIpv6AndAChroot() throws HaCtlException {
        assertEquals(List.of(new ServerAddress("10.0.0.5", 2181), new ServerAddress("zk2", 2182),
                        new ServerAddress("fd00::7", 2181)),
                ServerAddress.parseAll("10.0.0.5, zk2:2182,[fd00::7]:2181/chroot"));
        HaCtlException e = assertThrows(HaCtlException.class, () -> ServerAddress.parseAll("zk1:80000"));
        assertEquals("--zk 'zk1:80000': '80000' is not a port (1-65535)", e.getMessage());
        assertEquals(64, e.exitCode().code());
    }
}
