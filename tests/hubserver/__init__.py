"""A loopback server speaking the parts of the Hugging Face Hub, GitHub and arXiv howopen uses (for tests)."""

from .server import TOKEN, Fault, HubServer
from .world import World, load

__all__ = ["TOKEN", "Fault", "HubServer", "World", "load"]
