"""The full-screen explorer of ``metiers explore``, built with Textual.

Only the ``explore`` command imports this package's modules (``app.run``), so that Textual never weighs on the
start-up of the other commands. ``views`` turns the commands' data and Rich renderers into what the explorer
shows (the same content as ``show``, ``tree``, ``path``, ``compare`` and ``glossary``); ``widgets`` and
``screens`` are the Textual pieces; ``app`` holds the session's state (history, pins, favourites) and the keys.
"""
