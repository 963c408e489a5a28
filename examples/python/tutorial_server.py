#!/usr/bin/env python3
"""The tutorial's pickle server, made bounded for tests.

Accepts a client, prints where it came from, sends it one pickled object behind a 10-byte header
(header and payload in one send, as the tutorial does), and closes that connection; after --clients
clients it exits. It binds 127.0.0.1; with --port 0 (the default) the system picks the port, printed
first as "listening on 127.0.0.1 port N".

    python3 tutorial_server.py --port 1243 --protocol 3 --clients 1
"""
import argparse
import ast
import pickle
import socket

HEADERSIZE = 10


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--protocol", type=int, default=pickle.DEFAULT_PROTOCOL)
    parser.add_argument("--clients", type=int, default=1, help="serve this many clients, then exit")
    parser.add_argument("--value", default="{1: 'hi', 2: 'there'}", help="a Python literal to send")
    args = parser.parse_args()
    value = ast.literal_eval(args.value)

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", args.port))
        s.listen(5)
        print(f"listening on 127.0.0.1 port {s.getsockname()[1]}", flush=True)
        for _ in range(args.clients):
            clientsocket, address = s.accept()
            with clientsocket:
                print(f"Connection from {address} has been established.")
                msg = pickle.dumps(value, protocol=args.protocol)
                msg = bytes(f"{len(msg):<{HEADERSIZE}}", "utf-8") + msg
                print(msg, flush=True)
                clientsocket.sendall(msg)


if __name__ == "__main__":
    main()
