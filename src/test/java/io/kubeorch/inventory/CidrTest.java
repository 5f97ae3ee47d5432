package io.kubeorch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void networkAddressClearsHostBits() {
        assertThat(Cidr.parse("10.244.1.0/16").hasHostBits()).isTrue();
        assertThat(Cidr.parse("10.244.1.0/16").network()).hasToString("10.244.0.0/16");
        assertThat(Cidr.parse("10.96.0.0/12").hasHostBits()).isFalse();
        assertThat(Cidr.parse("FD00:10:244:0:0:0:0:1/56").network()).hasToString("fd00:10:244::/56");
    }

    @Test
    void containmentAndOverlapFollowThePrefix() {
        Cidr calicoDefault = Cidr.parse("192.168.0.0/16");

        assertThat(calicoDefault.contains(IpAddresses.parse("192.168.1.1"))).isTrue();
        assertThat(calicoDefault.contains(IpAddresses.parse("192.169.0.1"))).isFalse();
        assertThat(calicoDefault.contains(IpAddresses.parse("::ffff:192.168.1.1"))).isFalse();
        assertThat(calicoDefault.overlaps(Cidr.parse("192.168.1.0/24"))).isTrue();
        assertThat(Cidr.parse("10.244.0.0/16").overlaps(Cidr.parse("10.96.0.0/12"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").overlaps(Cidr.parse("10.96.0.0/12"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00::1", "::1", "1:2:3:4:5:6:7:8", "::ffff:192.168.1.1", "fd00:0:0::0002", "::"})
    void ipv6LiteralsParse(String address) {
        assertThat(IpAddresses.parseIpv6(address)).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:2:3:4:5:6:7:8:9", "fd00::1::2", "fd00::g", "12345::", "fd00::1%eth0", "[fd00::1]",
            "::1.2.3", "1:2:3:4:5:6:7::8:9"})
    void malformedIpv6LiteralsDoNotParse(String address) {
        assertThat(IpAddresses.parseIpv6(address)).isNull();
    }

    @Test
    void ipv6IsFormattedCanonically() {
        assertThat(IpAddresses.format(IpAddresses.parse("fd00:0:0:0:0:0:0:0002"))).isEqualTo("fd00::2");
        assertThat(IpAddresses.format(IpAddresses.parse("1:0:0:2:0:0:0:3"))).isEqualTo("1:0:0:2::3");
        assertThat(IpAddresses.format(IpAddresses.parse("::"))).isEqualTo("::");
        assertThat(IpAddresses.format(IpAddresses.parse("1:2:3:4:5:6:7:0"))).isEqualTo("1:2:3:4:5:6:7:0");
    }
}
