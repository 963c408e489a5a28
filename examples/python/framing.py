"""The tutorial's framing done carefully: exact reads, any number of messages, a clean end.

A frame is the payload's length in ASCII decimal, left-justified and space-padded to HEADERSIZE bytes,
then the payload. recv_frame returns None when the peer closes between frames and raises EOFError when
it closes inside one.
"""
HEADERSIZE = 10


def send_frame(sock, payload):
    header = bytes(f"{len(payload):<{HEADERSIZE}}", "utf-8")
    if len(header) != HEADERSIZE:
        raise ValueError(f"{len(payload)} bytes do not fit in a {HEADERSIZE}-byte header")
    sock.sendall(header + payload)  # one send: header and payload together


def recv_exact(sock, n):
    """n bytes, or fewer only if the peer closed first."""
    chunks = []
    while n > 0:
        chunk = sock.recv(min(n, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def recv_frame(sock):
    header = recv_exact(sock, HEADERSIZE)
    if not header:
        return None
    if len(header) < HEADERSIZE:
        raise EOFError(f"connection closed inside a header: {header!r}")
    text = header.decode("ascii").strip(" ")
    if not text.isdigit() or not text.isascii():
        raise ValueError(f"bad frame header {header!r}")
    length = int(text)
    payload = recv_exact(sock, length)
    if len(payload) < length:
        raise EOFError(f"connection closed after {len(payload)} of {length} payload bytes")
    return payload
