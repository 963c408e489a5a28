#!/usr/bin/env python3
"""A pickle client that frames correctly: sends Python literals, then prints what comes back.

Each --send LITERAL is pickled with --protocol and sent as one frame. Then it receives --receive
frames (default: as many as it sent) or until the server closes, and prints for each the repr of the
object and, with --hex, first the payload in hex.

    python3 framed_client.py --port 1243 --send "{1: 'hi'}" --send "[1, 2]"
"""
import argparse
import ast
import pickle
import socket

from framing import recv_frame, send_frame


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1243)
    parser.add_argument("--protocol", type=int, default=pickle.DEFAULT_PROTOCOL)
    parser.add_argument("--send", action="append", default=[], metavar="LITERAL")
    parser.add_argument("--receive", type=int, default=None)
    parser.add_argument("--hex", action="store_true")
    args = parser.parse_args()
    expected = len(args.send) if args.receive is None else args.receive

    with socket.create_connection((args.host, args.port)) as s:
        for literal in args.send:
            send_frame(s, pickle.dumps(ast.literal_eval(literal), protocol=args.protocol))
        for _ in range(expected):
            payload = recv_frame(s)
            if payload is None:
                break
            if args.hex:
                print(payload.hex())
            print(repr(pickle.loads(payload)), flush=True)


if __name__ == "__main__":
    main()
