"""The one exception the site build raises on bad input."""

from __future__ import annotations


class BuildError(Exception):
    """A problem with the project's input or tools that stops the build.

    The message names the file (and field) at fault and what to do, so that
    it can be shown as it is: MkDocs' hooks turn it into a ``PluginError``,
    another build tool prints it.
    """
