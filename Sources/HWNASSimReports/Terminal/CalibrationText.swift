// SPDX-License-Identifier: GPL-3.0-or-later
import HWNASSim

extension CalibrationRequest.Answer {
    /// What `hwnas-sim calibrate` prints.
    public var text: String {
        func f(_ x: Double) -> String { Format.fixed(x, 4) }
        switch self {
        case .realised(let pair, let model, let level, let s, let size):
            return
                "\(pair) \(model.rawValue) level \(Format.number(level)): Kendall tau mean \(f(s.mean)), sd \(f(s.sd)) over \(s.n) trials at n = \(size)\n"
        case .level(let pair, let model, let level, let s, let target):
            return
                "\(pair) \(model.rawValue): level \(f(level)) gives Kendall tau mean \(f(s.mean)) (sd \(f(s.sd)), target \(Format.number(target)))\n"
        case .predictor(let a):
            let tau = a.tau
            let used = a.ownSamples.map { "its own \($0) samples" } ?? "\(a.trainSamples) training samples"
            var out =
                "\(a.pair) \(a.model) at \(used): Kendall tau mean \(f(tau.mean)), sd \(f(tau.sd)), 95 % CI [\(f(tau.ci95Low)), \(f(tau.ci95High))] over \(tau.n) splits (625 test architectures)\n"
            guard a.level != nil else {
                return out + "no kendall-tau level stands for it: that noise model takes a target tau in (0, 1]\n"
            }
            out += "noise of the same tau: noise: {model: kendall-tau, levels: [\(Format.fixed(tau.mean, 3))]}\n"
            if let (s, size) = a.realised {
                out += "  which realises Kendall tau mean \(f(s.mean)) (sd \(f(s.sd))) over \(s.n) trials at n = \(size)\n"
            }
            return out
        }
    }
}
