#!/usr/bin/env python3
"""Where one process's CPU went, from `perf script` output: each sample is put in the first category that a frame of its
stack matches, scanning from the leaf up, so native code is charged to the work that called it (Arrow's memcmp to the
Parquet writer, a page fault to whoever touched the page when the frame pointers allow).

  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -F 999 -g -o perf.data -- snowferry transfer ...
  perf script -i perf.data -F comm,tid,ip,sym,dso | python3 bench/perf-split.py

(`DOTNET_EnableWriteXorExecute=0` puts JIT-compiled code where perf finds the runtime's perf map, so managed frames
have names.) Prints each category's samples and share; at 999 Hz, 1,000 samples are about one CPU-second.
"""
import collections
import sys

# (category, test on one frame); the first category whose test matches any frame, leaf first, wins.
RULES = [
    ("garbage collector", lambda f: "gc_heap" in f or "WKS::" in f or "SVR::" in f),
    ("SHA-256 and other libcrypto", lambda f: "libcrypto" in f),
    ("inflate (zlib-ng)", lambda f: "libSystem.IO.Compression" in f),
    ("Parquet: Snappy", lambda f: "snappy" in f),
    ("malloc_trim", lambda f: "malloc_trim" in f),
    ("Parquet: Arrow C++", lambda f: "ParquetSharpNative" in f),
    ("Parquet: managed (columns, ParquetSharp)", lambda f: "Parquet" in f),
    ("text writers", lambda f: "TextTableWriter" in f or "JsonTableWriter" in f or "CsvTableWriter" in f),
    ("decode (partition scan, column buffers)", lambda f: "Snowferry.Snowflake" in f),
    ("S3 upload and HTTP", lambda f: "Amazon" in f or "System.Net" in f),
    ("spinning (sched_yield)", lambda f: "sched_yield" in f),
    ("JIT on a running thread", lambda f: "libclrjit" in f),
]


def category(comm, frames):
    if comm.startswith(".NET Tiered"):
        return "JIT in the background (tiered compilation)"
    for frame in frames:
        for name, test in RULES:
            if test(frame):
                return name
    leaf = frames[0] if frames else ""
    if "kernel" in leaf:
        return "kernel, other (page faults, scheduling, munmap)"
    if "libcoreclr" in leaf:
        return "runtime, other"
    if "libc.so" in leaf:
        return "libc, other (memmove, malloc)"
    return "other"


def main():
    counts = collections.Counter()
    for sample in sys.stdin.read().split("\n\n"):
        lines = [line.strip() for line in sample.strip().split("\n") if line.strip()]
        if not lines:
            continue
        comm = lines[0].rsplit(None, 1)[0]
        counts[category(comm, lines[1:])] += 1
    total = sum(counts.values())
    for name, n in counts.most_common():
        print(f"{n:7d}  {100 * n / total:5.1f}%  {name}")
    print(f"{total:7d}  samples")


if __name__ == "__main__":
    main()
