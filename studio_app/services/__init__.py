"""Use cases as async services; blocking work runs on dedicated single-thread executors."""
