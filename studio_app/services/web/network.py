"""Addresses: this PC's LAN address (found without sending anything) and loopback checks."""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK = "127.0.0.1"

#: Private addresses to "connect" a UDP socket to: the kernel picks the interface that would
#: route there and no packet is sent. The first non-loopback answer wins.
_PROBE_TARGETS = ("10.255.255.255", "192.168.255.255", "172.31.255.255")


def is_loopback(address: str) -> bool:
    """Whether ``address`` (an IP literal, IPv4-mapped IPv6 included) is a loopback address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


def lan_address() -> str:
    """This PC's IPv4 address on the office network; ``127.0.0.1`` when it has none.

    Uses the UDP-connect trick: connecting a datagram socket only asks the routing table
    which local address would be used, so it works offline on an isolated LAN and never
    touches the network.
    """
    for target in _PROBE_TARGETS:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect((target, 9))
                address = str(probe.getsockname()[0])
        except OSError:
            continue
        if address and not is_loopback(address) and address != "0.0.0.0":
            return address
    return LOOPBACK


def host_is_local(host_header: str) -> bool:
    """Whether a ``Host`` header names this PC by a loopback name (DNS-rebinding guard)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        name = host[1 : host.find("]")] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name == "localhost" or is_loopback(name)
