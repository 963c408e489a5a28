#!/usr/bin/env python3
"""A pickle echo server that frames correctly: every object received is printed (its repr) and sent back.

Serves --clients clients one after the other, then exits. Replies are pickled again with --protocol,
or, with --raw, the received payload is sent back untouched. Binds 127.0.0.1; the port (0 = any) is
printed first as "listening on 127.0.0.1 port N".

    python3 framed_server.py --port 0 --protocol 4 --clients 1
"""
import argparse
import pickle
import socket

from framing import recv_frame, send_frame


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--protocol", type=int, default=pickle.DEFAULT_PROTOCOL)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--raw", action="store_true", help="echo payload bytes as received")
    args = parser.parse_args()

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", args.port))
        s.listen(5)
        print(f"listening on 127.0.0.1 port {s.getsockname()[1]}", flush=True)
        for _ in range(args.clients):
            conn, _address = s.accept()
            with conn:
                while (payload := recv_frame(conn)) is not None:
                    value = pickle.loads(payload)
                    print(repr(value), flush=True)
                    send_frame(conn, payload if args.raw else pickle.dumps(value, protocol=args.protocol))


if __name__ == "__main__":
    main()
