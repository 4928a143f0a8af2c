"""Running the vaultsim binary from checks and peers."""

import os
import subprocess
import sys


def run_vaultsim(args, *command):
    """Runs `vaultsim COMMAND` with the generation options of `args` (scale, days, seed, optional threads for
    load, optional extra `vaultsim_arg`s); returns stdout, or exits naming the command on failure."""
    argv = [args.vaultsim, *command, "--scale", str(args.scale), "--days", str(args.days), "--seed", str(args.seed),
            *getattr(args, "vaultsim_arg", [])]
    if args.threads and command[0] == "load":
        argv += ["--threads", str(args.threads)]
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"{os.path.basename(sys.argv[0])}: {' '.join(argv)} failed with status {result.returncode}")
    return result.stdout
