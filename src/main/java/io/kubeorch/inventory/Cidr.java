package io.kubeorch.inventory;

import java.util.regex.Pattern;

/** An IP network in CIDR notation, e.g. {@code 10.244.0.0/16}. */
final class Cidr {

    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final byte[] address;
    private final int prefixLength;

    private Cidr(byte[] address, int prefixLength) {
        this.address = address;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix}; the address may have host bits set (see {@link #hasHostBits()}),
     * so that the caller can suggest the network address. Null when it is not CIDR notation at all.
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return null;
        }
        byte[] address = IpAddresses.parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address == null || !PREFIX.matcher(prefix).matches()) {
            return null;
        }
        int prefixLength = Integer.parseInt(prefix);
        if (prefixLength > address.length * 8) {
            return null;
        }
        return new Cidr(address, prefixLength);
    }

    int prefixLength() {
        return prefixLength;
    }

    boolean isIpv4() {
        return address.length == 4;
    }

    String family() {
        return IpAddresses.family(address);
    }

    int bits() {
        return address.length * 8;
    }

    boolean hasHostBits() {
        return !java.util.Arrays.equals(address, networkAddress());
    }

    /** The same network with the host bits cleared: {@code 10.244.1.0/16} gives {@code 10.244.0.0/16}. */
    Cidr network() {
        return new Cidr(networkAddress(), prefixLength);
    }

    boolean contains(byte[] other) {
        if (other.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            if (bitAt(address, bit) != bitAt(other, bit)) {
                return false;
            }
        }
        return true;
    }

    boolean overlaps(Cidr other) {
        if (other.address.length != address.length) {
            return false;
        }
        return prefixLength <= other.prefixLength ? contains(other.address) : other.contains(address);
    }

    /** The network's own address (host bits zero). */
    byte[] firstAddress() {
        return networkAddress();
    }

    /** The last address of the network (host bits one): IPv4's broadcast address. */
    byte[] lastAddress() {
        byte[] last = networkAddress();
        for (int bit = prefixLength; bit < last.length * 8; bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return last;
    }

    private byte[] networkAddress() {
        byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >>> (7 - bit % 8)) & 1;
    }

    @Override
    public String toString() {
        return IpAddresses.format(address) + "/" + prefixLength;
    }
}
