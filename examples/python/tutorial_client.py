#!/usr/bin/env python3
"""The tutorial's pickle client, with its recv(16) loop and its print lines kept as they are.

Like the tutorial's, it assumes the header arrives in the first 16-byte recv and that one recv never
holds the end of a message and the start of the next. Unlike it, it stops: after --messages messages,
or when the server closes the connection (the tutorial's loop would fail on int(b'') there).

    python3 tutorial_client.py --port 1243 --messages 1
"""
import argparse
import pickle
import socket

HEADERSIZE = 10


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1243)
    parser.add_argument("--messages", type=int, default=1, help="stop after this many messages")
    args = parser.parse_args()

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect((args.host, args.port))
    received = 0
    with s:
        while received < args.messages:
            full_msg = b''
            new_msg = True
            while True:
                msg = s.recv(16)
                if not msg:
                    return
                if new_msg:
                    print("new msg len:", msg[:HEADERSIZE])
                    msglen = int(msg[:HEADERSIZE])
                    new_msg = False

                print(f"full message length: {msglen}")

                full_msg += msg

                print(len(full_msg))

                if len(full_msg) - HEADERSIZE == msglen:
                    print("full msg recvd")
                    print(full_msg[HEADERSIZE:])
                    print(pickle.loads(full_msg[HEADERSIZE:]))
                    received += 1
                    break


if __name__ == "__main__":
    main()
