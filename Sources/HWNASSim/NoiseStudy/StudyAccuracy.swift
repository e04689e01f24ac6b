// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension StudyCell {
    /// Takes `other`'s accuracy source and what it was prepared with (σ, proxy scores, features).
    mutating func believeAccuracy(as other: StudyCell) {
        accuracy = other.accuracy
        accuracySigma = other.accuracySigma
        believedProxy = other.believedProxy
        accuracyFeatures = other.accuracyFeatures
    }
}

extension Study {
    /// The share of a pair's architectures a proxy must score: subsets are drawn from the whole
    /// pair, and an architecture without a score is believed worst.
    static let proxyCoverage = 0.95

    /// Prepares the accuracy source of `study` in every cell: σ of `noise` (calibrated on each
    /// pair's accuracy, ties included), the scores of `proxy` by pair row, the one-hot features
    /// of `predictor` and the scores of its `proxy_feature`.
    /// - Throws: ``InputError`` at `accuracy.column` (`accuracy.proxy_feature`) for a proxy that
    ///   scores fewer than ``proxyCoverage`` of a pair's architectures, or whose table is
    ///   missing or changed; at `accuracy.model` for a table without NB201 arch strings.
    /// - Parameter notes: receives the note that NASWOT was computed on CIFAR-10 images.
    /// - Complexity: the calibration's bisection, O(n log n) per step, once per pair.
    static func addAccuracy(
        _ cells: inout [StudyCell], scenario: Scenario, study: NoiseStudySpec, pairs: [GroundTruthPair],
        loader: inout GroundTruthLoader, notes: inout [String]
    ) throws {
        let spec = study.accuracy
        guard spec.source != .known else { return }
        for (pi, pair) in pairs.enumerated() {
            var sigma = 0.0
            var proxy: [Double] = []
            var features: FeatureMatrix?
            switch spec.source {
            case .noise: sigma = KendallTauNoise.calibratedSigma(tau: spec.kendallTau, truth: pair.accuracy)
            case .proxy:
                proxy = try proxyScores(
                    spec.column ?? "", key: "accuracy.column", scenario: scenario, pairIndex: pi, pair: pair, loader: &loader, notes: &notes
                )
            case .predictor:
                let table = try loader.table(scenario.data, pair: scenario.pairs[pi], metricColumns: [scenario.pairs[pi].metric])
                features = try PairFeatures(table: table, pair: pair, key: "accuracy.model").matrix
                if let name = spec.proxyFeature {
                    proxy = try proxyScores(
                        name, key: "accuracy.proxy_feature", scenario: scenario, pairIndex: pi, pair: pair, loader: &loader, notes: &notes)
                }
            case .known, .train: break
            }
            for i in cells.indices where cells[i].pair.dataset == pair.dataset && cells[i].pair.metric == pair.metric {
                cells[i].accuracy = spec
                cells[i].accuracySigma = sigma
                cells[i].believedProxy = proxy
                cells[i].accuracyFeatures = features
            }
        }
    }

    /// The proxy `name` by row of `pair`, −∞ where it has no score; errors name `key`.
    static func proxyScores(
        _ name: String, key: String, scenario: Scenario, pairIndex pi: Int, pair: GroundTruthPair,
        loader: inout GroundTruthLoader, notes: inout [String]
    ) throws -> [Double] {
        var table = try loader.table(scenario.data, pair: scenario.pairs[pi], metricColumns: [scenario.pairs[pi].metric])
        let proxy: ProxyColumn
        do { proxy = try ProxyColumn.load(name, table: &table, directory: loader.directory, key: key) } catch var e as InputError {
            if e.line == nil { e.key = key }
            throw e
        }
        let rowOf = table.rowsByID()
        let scores = pair.ids.map { id in rowOf[id].map { proxy.scores[$0] } ?? .nan }.map { $0.isNaN ? -Double.infinity : $0 }
        let covered = scores.count { $0 > -.infinity }
        guard Double(covered) >= proxyCoverage * Double(pair.count) else {
            throw InputError(
                key: key,
                "proxy '\(name)' scores \(covered) of the \(pair.count) architectures of \(pair.dataset)/\(pair.metric): too few for subsets drawn from all of them (at least \(Int(proxyCoverage * 100)) % are needed; the Suite-Zero proxies cover about 725, for learning curves)"
            )
        }
        if let note = proxy.note, !notes.contains(note) { notes.append(note) }
        if covered < pair.count {
            let note =
                "accuracy proxy '\(name)': \(pair.count - covered) architectures of \(pair.dataset)/\(pair.metric) have no score and are "
                + (key.hasSuffix("proxy_feature") ? "given the subset's lowest score" : "believed worst")
            if !notes.contains(note) { notes.append(note) }
        }
        return scores
    }
}
