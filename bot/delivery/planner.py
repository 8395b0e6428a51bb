"""Turn new articles into outbox rows: who gets what (SPEC: Delivery).

The SQL lives with the rest of the outbox's in ``storage.outbox``; this name stays for callers.
"""

from storage.outbox import PlanResult, plan

__all__ = ["PlanResult", "plan"]
