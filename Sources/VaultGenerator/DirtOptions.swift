// DirtOptions.swift: the data-quality problems a real source feed has, each a rate with a default.

/// How dirty the generated source rows are. Every knob is a probability in `0...1`; ``none`` turns
/// everything off.
///
/// | knob | default | what it does |
/// |---|---|---|
/// | `keyNoise` | 0.01 | a business-key occurrence gets stray spaces and/or lower case (`' c0000123 '`) |
/// | `nullAttributes` | 0.005 | a nullable attribute value is NULL |
/// | `resend` | 0.02 | a master row sent yesterday is sent again unchanged |
/// | `lateTransactions` | 0.01 | a transaction (all its lines) arrives 1-3 batches after its date |
/// | `earlyCustomers` | 0.002 | a transaction names a customer first sent in a later batch |
/// | `blankKeys` | 0.0005 | a transaction line has a NULL, empty or blank customer_id or product_id |
///
/// Key noise is drawn per (batch, row), so a re-sent row may differ only in its key's spelling;
/// NULL attributes are part of an attribute version, so a re-sent row is otherwise unchanged.
public struct DirtOptions: Hashable, Sendable {
    public var keyNoise: Double
    public var nullAttributes: Double
    public var resend: Double
    public var lateTransactions: Double
    public var earlyCustomers: Double
    public var blankKeys: Double

    public init(keyNoise: Double = 0.01, nullAttributes: Double = 0.005, resend: Double = 0.02,
                lateTransactions: Double = 0.01, earlyCustomers: Double = 0.002, blankKeys: Double = 0.0005) {
        self.keyNoise = keyNoise
        self.nullAttributes = nullAttributes
        self.resend = resend
        self.lateTransactions = lateTransactions
        self.earlyCustomers = earlyCustomers
        self.blankKeys = blankKeys
    }

    /// The documented default rates.
    public static let `default` = DirtOptions()

    /// Clean data: every rate 0.
    public static let none = DirtOptions(keyNoise: 0, nullAttributes: 0, resend: 0,
                                         lateTransactions: 0, earlyCustomers: 0, blankKeys: 0)

    /// The knobs by their command-line names (`--dirt-NAME`), in a fixed order.
    public var named: [(name: String, value: Double)] {
        [("key-noise", keyNoise), ("null-attributes", nullAttributes), ("resend", resend),
         ("late-transactions", lateTransactions), ("early-customers", earlyCustomers), ("blank-keys", blankKeys)]
    }

    /// Checks that every rate is in `0...1`.
    public func validate() throws(GeneratorError) {
        for (name, value) in named where !(value >= 0 && value <= 1) {
            throw .invalidOption(name: "dirt-\(name)", "must be a probability between 0 and 1 (got \(value))")
        }
    }
}

/// A probability as a threshold on 16 random bits (resolution 1/65536), for hot loops.
@inline(__always)
func threshold16(_ p: Double) -> UInt64 { UInt64((p * 65536).rounded()) }

/// A probability as a threshold on 53 random bits.
@inline(__always)
func threshold53(_ p: Double) -> UInt64 { UInt64(p * 9_007_199_254_740_992) }
