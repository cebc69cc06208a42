"""A loopback server speaking the parts of the Hugging Face Hub, GitHub and arXiv that howopen uses (tests only)."""

from .server import TOKEN, Fault, HubServer
from .world import World, load

__all__ = ["TOKEN", "Fault", "HubServer", "World", "load"]
