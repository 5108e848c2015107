"""HTTP service, settings and command line of eventmap."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventmap")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0"
