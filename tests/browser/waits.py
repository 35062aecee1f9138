"""Every wait of the browser tests, in one place: generous for a busy 2-core CI machine, and bounded.

A wait is on a real condition (an element, a cell's output, the kernel's state), never a sleep;
these are how long a condition may take before the test fails.
"""

UI_MS = 30_000
"""The page reacting to the test (Playwright's default for every page): a click, a key, a menu."""

KERNEL_MS = 90_000
"""What waits on a kernel: JupyterLab's page and kernel start, a cell's run and output, a first widget render."""
