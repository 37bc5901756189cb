"""Running core jobs on the window's worker thread: the runner, the jobs, and the scheduler."""
