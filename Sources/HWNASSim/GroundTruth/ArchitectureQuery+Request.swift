// SPDX-License-Identifier: GPL-3.0-or-later

extension ArchitectureQuery {
    /// What `hwnas-sim query` found: one architecture's row, or the true front of the space.
    public enum Answer: Sendable {
        case row(ArchitectureQuery, Int)
        case front(ArchitectureQuery, Front)

        /// The answer as text, or as JSON.
        public func formatted(json: Bool) -> String {
            switch self {
            case .row(let q, let r): json ? q.json(row: r) : q.text(row: r)
            case .front(let q, let f): json ? q.json(front: f) : q.text(front: f)
            }
        }
    }

    /// Loads `benchmark`'s table (an NB201 `dataset`, or FBNet) from `directory` and finds
    /// architecture `arch`, or the true front against metric `front` (exactly one of them).
    /// - Throws: ``InputError`` naming the option that is unknown, missing or out of place.
    public static func answer(benchmark: String, dataset: String?, arch: String?, front: String?, directory: String) throws -> Answer {
        guard let kind = Benchmark(rawValue: benchmark) else {
            throw InputError(
                key: "--benchmark",
                "unknown benchmark '\(benchmark)'; expected one of: \(Benchmark.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (arch == nil) != (front == nil) else {
            throw InputError(
                key: "--arch", "give exactly one of --arch (one architecture) or --front METRIC (the front of the whole space)")
        }
        let query: ArchitectureQuery
        switch kind {
        case .nb201:
            guard let dataset else {
                throw InputError(key: "--dataset", "missing: expected one of \(MetricTable.nb201Datasets.joined(separator: ", "))")
            }
            query = try nb201(dataset: dataset, directory: directory)
        case .fbnet:
            if let dataset {
                throw InputError(key: "--dataset", "'\(dataset)': the FBNet table has no datasets (its networks are CIFAR-100's)")
            }
            query = try fbnet(directory: directory)
        }
        if let arch {
            var shown = query
            let r = try query.row(of: arch)
            try shown.addProxies(row: r, directory: directory)
            return .row(shown, r)
        }
        return .front(query, try query.front(metric: front!))
    }
}
