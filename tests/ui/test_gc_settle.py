"""settle(): long-lived objects are set aside, so later full collections stay short."""

from __future__ import annotations

import gc

from studio_app.ui.gc import settle


def test_settle_collects_garbage_and_freezes_what_survives() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    before = gc.get_freeze_count()
    Node()  # a cycle: garbage only a collection can free
    kept = [Node() for _ in range(100)]
    try:
        settle()
        assert gc.get_freeze_count() >= before + len(kept)
        assert gc.garbage == []
        # Frozen objects are no longer in the generations a full collection walks.
        assert all(not any(o is k for o in gc.get_objects(2)) for k in kept[:3])
    finally:
        gc.unfreeze()
