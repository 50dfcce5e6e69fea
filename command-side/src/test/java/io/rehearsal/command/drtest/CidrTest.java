package io.rehearsal.command.drtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTest {

    @ParameterizedTest(name = "{0} overlaps {1}")
    @CsvSource({
            "10.20.0.0/16, 10.20.0.0/16",
            "10.20.0.0/16, 10.20.7.0/24",
            "10.20.7.0/24, 10.20.0.0/16",
            "10.0.0.0/8, 10.255.255.0/24",
            "0.0.0.0/0, 192.168.1.0/24",
            "10.121.0.0/16, 10.121.255.255/32",
            "10.120.0.0/15, 10.121.0.0/16"})
    void overlappingBlocks(String a, String b) {
        assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isTrue();
        assertThat(Cidr.parse(b).overlaps(Cidr.parse(a))).isTrue();
    }

    @ParameterizedTest(name = "{0} is apart from {1}")
    @CsvSource({
            "10.20.0.0/16, 10.21.0.0/16",
            "10.121.0.0/16, 10.122.0.0/16",
            "10.121.0.0/16, 10.120.255.0/24",
            "10.120.0.0/16, 10.121.0.0/16",
            "10.0.0.0/8, 172.16.0.0/12",
            "172.16.0.0/20, 172.16.16.0/20",
            "192.168.1.0/24, 192.168.2.0/24"})
    void disjointBlocks(String a, String b) {
        assertThat(Cidr.parse(a).overlaps(Cidr.parse(b))).isFalse();
        assertThat(Cidr.parse(b).overlaps(Cidr.parse(a))).isFalse();
    }

    @Test
    void parsingDropsTheHostBits() {
        assertThat(Cidr.parse("10.121.4.7/16")).isEqualTo(Cidr.parse("10.121.0.0/16"));
        assertThat(Cidr.parse(" 10.121.4.7/16 ")).hasToString("10.121.0.0/16");
    }

    @Test
    void printsTheBlockItParsed() {
        assertThat(Cidr.parse("255.255.255.255/32")).hasToString("255.255.255.255/32");
        assertThat(Cidr.parse("172.16.0.0/20")).hasToString("172.16.0.0/20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.0", "10.20.0/16", "10.20.0.256/16", "10.20.0.0/33", "10.20.0.0/-1",
            "10.-1.0.0/16", "ten.20.0.0/16", "fe80::/64"})
    void rejectsWhatIsNotAnIpv4Block(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text));
    }
}
