"""The measuring harness of the hostile-input tests (tests/bounds.py) measures what it says."""

from bounds import bounded


def test_a_normal_load_is_measured_and_ok():
    r = bounded("import itu_nb; print(len(itu_nb.load('examples/data/pp18-doc67-brazil.flattened.txt')))")
    assert r.ok and r.stdout.strip() == "5", r  # five proposals, B/67/1..5
    assert 0 < r.seconds < 30 and 10 < r.peak_mb < 300, r


def test_memory_is_peak_resident_memory():
    r = bounded("x = bytearray(400 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])")
    assert r.ok and r.peak_mb > 400 and not r.within(), r


def test_a_runaway_child_is_killed():
    r = bounded("while True: pass", kill_seconds=1)
    assert r.killed and not r.ok and not r.within(), r


def test_runaway_allocation_fails_fast():
    r = bounded("x = bytearray(4000 * 1024 * 1024)")
    assert r.returncode == 1 and "MemoryError" in r.stderr, r


def test_a_child_of_a_large_parent_reports_its_own_memory():
    # ru_maxrss keeps the parent's high-water mark across fork and exec; the child reads its own VmHWM
    big = bytearray(500 * 1024 * 1024)
    big[::4096] = b"1" * len(big[::4096])
    r = bounded("print(sum(range(10)))")
    assert r.ok and r.stdout.strip() == "45" and r.peak_mb < 100, r
    del big
