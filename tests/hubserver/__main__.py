"""Run the loopback Hub on its own: `python -m hubserver [--latency SECONDS]` in tests/; prints its URL."""

from __future__ import annotations

import argparse
import sys
import time

from .server import HubServer


def main() -> None:
    parser = argparse.ArgumentParser(prog="hubserver")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every request")
    args = parser.parse_args()
    with HubServer(latency=args.latency) as server:
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            sys.exit(0)


if __name__ == "__main__":
    main()
