// swift-tools-version:6.0
// HWNASSim fuzz targets (libFuzzer). A separate package so that the main build and CI are untouched.
// Build and run with `bash Fuzz/run.sh SECONDS` (or `make fuzz`). SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "HWNASSimFuzz",
    dependencies: [
        .package(name: "HWNASSim", path: ".."),
    ],
    targets: [
        // `<module>_main` entry points that start libFuzzer's driver (see driver.c).
        .target(name: "FuzzDriver", path: "Sources/FuzzDriver"),
        // Each target defines `LLVMFuzzerTestOneInput` and no `main` (built with
        // `-parse-as-library`); libFuzzer's runtime, linked by `-sanitize=fuzzer`, does the rest.
        .executableTarget(
            name: "fuzz-scenario",
            dependencies: ["FuzzDriver", .product(name: "HWNASSim", package: "HWNASSim")],
            path: "Sources/fuzz-scenario"
        ),
        .executableTarget(
            name: "fuzz-csv",
            dependencies: ["FuzzDriver", .product(name: "HWNASSim", package: "HWNASSim")],
            path: "Sources/fuzz-csv"
        ),
    ]
)
