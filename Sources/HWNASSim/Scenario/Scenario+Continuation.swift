// SPDX-License-Identifier: GPL-3.0-or-later

extension Scenario {
    /// A strategy's `then:` with its `kappa:` (optimistic) or `batch:` (ehvi). Absent:
    /// ``Continuation/default`` under `verify: iterate`, `stop` otherwise. `then:` needs
    /// `verify: iterate`; `kappa` and `batch` need their `then:`.
    static func decodeContinuation(_ s: YAMLValue, _ sm: [String: YAMLValue], verify: Verification) throws -> Continuation {
        guard let tv = sm["then"] else {
            for key in ["kappa", "batch"] {
                if let v = sm[key] { throw v.error("'\(key)' needs 'then:' (optimistic: kappa; ehvi: batch)") }
            }
            return verify == .iterate ? .default : .stop
        }
        let name = try tv.string()
        guard Continuation.names.contains(name) else {
            throw tv.error(
                "unknown 'then: \(name)'\(Suggest.hint(for: name, in: Continuation.names)); expected one of: \(Continuation.names.joined(separator: ", "))"
            )
        }
        guard verify == .iterate || name == "stop" else {
            throw tv.error("'then: \(name)' continues a converged 'verify: iterate' search: this strategy has verify: \(verify.rawValue)")
        }
        if name != "optimistic", let v = sm["kappa"] { throw v.error("'kappa' belongs to 'then: optimistic', not '\(name)'") }
        if name != "ehvi", let v = sm["batch"] { throw v.error("'batch' belongs to 'then: ehvi', not '\(name)'") }
        switch name {
        case "random": return .random
        case "optimistic":
            let kappa = try sm["kappa"].map { try $0.double() } ?? Continuation.defaultKappa
            guard kappa > 0 else { throw sm["kappa"]!.error("expected kappa > 0 (σ below the prediction), found \(kappa)") }
            return .optimistic(kappa: kappa)
        case "ehvi":
            let batch = try sm["batch"].map { try $0.int() } ?? Continuation.defaultBatch
            guard batch >= 1 else { throw sm["batch"]!.error("expected a batch of at least 1, found \(batch)") }
            return .ehvi(batch: batch)
        default: return .stop
        }
    }
}
