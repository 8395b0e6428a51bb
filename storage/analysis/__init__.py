"""Article analysis: pure functions from raw article text to an :class:`Analysis`.

No I/O beyond reading the package's own data files once. Used by ingestion and by
``python -m bot analyze``.
"""

from storage.analysis.model import Analysis, Figure, RegionRef

__all__ = ["Analysis", "Figure", "RegionRef"]
