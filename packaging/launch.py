"""The entry script of both executables of the bundle (the windowed app and the console CLI).

``freeze_support()`` comes first: the certificate batch starts worker processes with the
"spawn" method, and in a frozen program each worker is this same executable started again with
multiprocessing's own arguments; freeze_support() runs the worker and exits before the command
line parser could see (and refuse) those arguments.
"""

import multiprocessing
import sys
import warnings

if __name__ == "__main__":
    # Thai on any console or pipe (a Windows pipe is cp1252 otherwise); the windowed executable
    # has no streams at all (None), and print() then writes nothing
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    # pyHanko imports DSA support that cryptography marks deprecated; the program never uses DSA,
    # and a clerk's console (or a worker process's) is no place for it (the log still has it)
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    multiprocessing.freeze_support()

    from ui.launch import main

    raise SystemExit(main())
