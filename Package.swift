// swift-tools-version:6.0
// HWNASSim — a discrete-event simulator of predictor-guided hardware-aware NAS selection.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "HWNASSim",
    products: [
        .library(name: "HWNASSim", targets: ["HWNASSim"]),
        .executable(name: "hwnas-sim", targets: ["hwnas-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(
            name: "HWNASSim",
            dependencies: ["CGSL", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "hwnas-sim",
            dependencies: ["HWNASSim", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "HWNASSimTests",
            dependencies: ["HWNASSim"]
        ),
    ]
)
