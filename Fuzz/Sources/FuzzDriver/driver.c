// SPDX-License-Identifier: GPL-3.0-or-later
//
// Entry points for the fuzz executables.
//
// On Linux, SwiftPM links every executable product with `--defsym main=<module>_main`, so that
// tests can link an executable's code; with `-parse-as-library` the Swift module emits no such
// symbol and the link fails ("undefined symbol 'fuzz_scenario_main'"). These definitions fill
// the gap by handing control to libFuzzer's own driver, exactly as libFuzzer's `main` would.
// Should SwiftPM stop renaming `main`, these are simply unused and libFuzzer's `main` runs.
#include "FuzzDriver.h"

int fuzz_scenario_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}

int fuzz_csv_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
