#!/usr/bin/env python3
"""make bench, a folder of texts through the command line: `juesuan audit
--jobs 2 --format jsonl DIR` over N copies of the 醴陵 text (a real
published disclosure), whole processes timed from outside; medians of RUNS
runs. Prints documents/s of wall time beside the target (issue 13: >= 1,500
for 200 documents with both cores) and of CPU time (user + system of the
command and its workers: what the documents cost, whatever else the machine
runs), and the same with --jobs 1.

usage: bench/text_batch.py JUESUAN SHARED [N] [RUNS]
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGET = 1500.0


def one(cmd):
    """Wall and CPU seconds of one run; its output's line count."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode not in (0, 1):
        sys.exit("bench text_batch: %s: exit %d" % (" ".join(cmd), r.returncode))
    return wall, cpu, r.stdout.count(b"\n")


def main():
    juesuan, shared = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    src = os.path.join(shared, "fixtures", "real", "liling-medical-security-2022.txt")
    tmp = tempfile.mkdtemp(prefix="jue-text-batch-")
    try:
        for i in range(n):
            shutil.copy(src, os.path.join(tmp, "%04d.txt" % i))
        for jobs in (2, 1):
            cmd = [juesuan, "audit", "--jobs", str(jobs), "--format", "jsonl", tmp]
            one(cmd)   # warm the page cache
            res = [one(cmd) for _ in range(runs)]
            wall = statistics.median(r[0] for r in res)
            cpu = statistics.median(r[1] for r in res)
            lines = res[-1][2]
            line = "text batch: %d copies of the 醴陵 text, --jobs %d: %.0f documents/s (wall, median of %d)" % (
                n, jobs, n / wall, runs)
            if jobs == 2:
                line += ", target >= %.0f/s: %.2f of it" % (TARGET, n / wall / TARGET)
            line += "; CPU %.2f ms a document (%.0f/s per core); %d findings" % (1000 * cpu / n, n / cpu, lines)
            print(line)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


main()
