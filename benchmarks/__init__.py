"""Benchmark suite for googlenet-gui (issue 6): ``python -m benchmarks.run``.

Every case/variant runs in its own subprocess (``benchmarks.worker``) so imports,
allocator state and thread pools never leak between contenders; ``run`` interleaves
the variants over several repetitions and reports medians and same-run ratios.
"""
