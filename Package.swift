// swift-tools-version:6.0
// HWNASSim — a discrete-event simulator of predictor-guided hardware-aware NAS selection.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Modules, dependencies one way:
//   CGSL (GSL shim) ← HWNASSim (simulation core, result files)
//   SVGCharts (SVG charts, no NAS, no dependencies)
//   HWNASSim + SVGCharts ← HWNASSimReports (figures, report pages, reproduction check)
//   HWNASSim ← HWNASSimBenchmarks (timing loops of `hwnas-sim bench`)
//   everything ← hwnas-sim (command line: parse, call, print)
import PackageDescription

let package = Package(
    name: "HWNASSim",
    products: [
        .library(name: "HWNASSim", targets: ["HWNASSim"]),
        .library(name: "SVGCharts", targets: ["SVGCharts"]),
        .library(name: "HWNASSimReports", targets: ["HWNASSimReports"]),
        .executable(name: "hwnas-sim", targets: ["hwnas-sim"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2")
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "openblas",
            providers: [.apt(["libgsl-dev", "libopenblas-pthread-dev", "libssl-dev"])]
        ),
        .target(
            name: "HWNASSim",
            dependencies: ["CGSL", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SVGCharts"),
        .target(
            name: "HWNASSimReports",
            dependencies: ["HWNASSim", "SVGCharts"]
        ),
        .target(
            name: "HWNASSimBenchmarks",
            dependencies: ["HWNASSim"]
        ),
        .executableTarget(
            name: "hwnas-sim",
            dependencies: [
                "HWNASSim", "HWNASSimReports", "HWNASSimBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        // Fixtures and brute-force oracles shared by the test targets (public API only).
        .target(name: "HWNASSimTestSupport", dependencies: ["HWNASSim"], path: "Tests/HWNASSimTestSupport"),
        .testTarget(name: "HWNASSimTests", dependencies: ["HWNASSim", "HWNASSimTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"]),
        .testTarget(name: "CommandLineTests", dependencies: ["HWNASSim", "HWNASSimTestSupport"]),
        .testTarget(name: "HWNASSimReportsTests", dependencies: ["HWNASSimReports", "HWNASSim", "SVGCharts", "HWNASSimTestSupport"])
    ]
)
